package io.iabulk.contacts.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: rows are streamed with {@code COPY} into an UNLOGGED table (no WAL for data that is
 * thrown away), then merged by one {@code INSERT … SELECT DISTINCT ON … ON CONFLICT DO UPDATE}
 * whose {@code RETURNING (xmax = 0)} tells new contacts from updated ones. When the file repeats an
 * address, one {@code UPDATE} first folds the earlier lines of each repeated address into its last
 * line, so the merge (which keeps the last line) sees what all of them said.
 */
final class PostgresImportStage extends ImportStage {

    private static final int FLUSH_CHARS = 256 * 1024;

    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
    private CopyIn copy;

    PostgresImportStage(Connection connection, long importId) throws SQLException {
        super(connection, importId);
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE UNLOGGED TABLE " + table + """
                     (line BIGINT, email TEXT, email_normalized TEXT, email_hash CHAR(64), first_name TEXT,
                      last_name TEXT, time_zone TEXT, locale TEXT, attributes JSONB, status TEXT)
                    """);
        }
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT text)");
    }

    @Override
    protected void stage(ImportRows.Row row) throws SQLException {
        buffer.append(row.line()).append('\t');
        field(row.email()).append('\t');
        field(row.normalized()).append('\t');
        field(row.hash()).append('\t');
        field(row.firstName()).append('\t');
        field(row.lastName()).append('\t');
        field(row.timeZone()).append('\t');
        field(row.locale()).append('\t');
        field(row.attributesJson()).append('\t');
        field(row.status()).append('\n');
        if (buffer.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    /** One column in COPY's text format: \N for null, backslash escapes for the separators. */
    private StringBuilder field(String value) {
        if (value == null) {
            return buffer.append("\\N");
        }
        if (!needsEscaping(value)) {
            return buffer.append(value); // the common case: one bulk copy, not a char at a time
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return buffer;
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    @Override
    Merged merge(long processed, long invalid, Instant now) throws SQLException {
        flush();
        copy.endCopy();
        copy = null;
        connection.setAutoCommit(false);
        try (Statement settings = connection.createStatement()) {
            // the DISTINCT ON sort of a million rows (~280 MB) stays in memory: measured 5.5 s instead
            // of 9.5 s with an external merge at 256 MB (see docs/benchmarks.md); larger files spill
            settings.execute("SET LOCAL work_mem = '512MB'");
        }
        if (repeats()) {
            foldRepeatedAddresses();
        }
        if (suppresses()) {
            suppressAsTheFileSays(now);
        }
        Merged merged;
        // DISTINCT ON keeps the last line of each address (ON CONFLICT may touch a row only once);
        // a suppressed address is created suppressed; fields a line leaves empty keep the contact's
        try (PreparedStatement merge = connection.prepareStatement("""
                WITH latest AS (
                    SELECT DISTINCT ON (email_normalized) email, email_normalized, email_hash, first_name, last_name,
                           time_zone, locale, attributes
                    FROM %s ORDER BY email_normalized, line DESC
                ), merged AS (
                    INSERT INTO contacts AS c (email, email_normalized, first_name, last_name, time_zone, locale,
                                               attributes, status, status_changed_at, created_at, updated_at)
                    SELECT l.email, l.email_normalized, l.first_name, l.last_name, l.time_zone, l.locale,
                           COALESCE(l.attributes, '{}'::jsonb),
                           COALESCE(CASE s.reason WHEN 'ERASED' THEN 'UNSUBSCRIBED' ELSE s.reason END, 'ACTIVE'),
                           ?, ?, ?
                    FROM latest l LEFT JOIN suppressions s ON s.email_hash = l.email_hash
                    ON CONFLICT (email_normalized) DO UPDATE SET
                        email = EXCLUDED.email,
                        first_name = COALESCE(EXCLUDED.first_name, c.first_name),
                        last_name = COALESCE(EXCLUDED.last_name, c.last_name),
                        time_zone = COALESCE(EXCLUDED.time_zone, c.time_zone),
                        locale = COALESCE(EXCLUDED.locale, c.locale),
                        attributes = c.attributes || EXCLUDED.attributes,
                        updated_at = EXCLUDED.updated_at
                    RETURNING (xmax = 0) AS inserted, c.status
                )
                SELECT count(*) FILTER (WHERE inserted AND status = 'ACTIVE'),
                       count(*) FILTER (WHERE NOT inserted AND status = 'ACTIVE'),
                       count(*) FILTER (WHERE status <> 'ACTIVE')
                FROM merged
                """.formatted(table))) {
            Timestamp at = Timestamp.from(now);
            merge.setTimestamp(1, at);
            merge.setTimestamp(2, at);
            merge.setTimestamp(3, at);
            try (ResultSet counts = merge.executeQuery()) {
                counts.next();
                merged = Merged.of(staged(), counts.getLong(1), counts.getLong(2), counts.getLong(3));
            }
        }
        finish(processed, invalid, merged, now);
        connection.commit();
        connection.setAutoCommit(true);
        return merged;
    }

    /**
     * Gives the last line of each address the file repeats what its lines said, in file order: the
     * last non-empty cell of each field, the attributes merged name by name (jsonb keeps the last
     * value of a repeated key). Runs only when the file repeats an address: it reads the staged rows
     * twice (a hash aggregate finds the repeated addresses, then their lines are sorted and folded in
     * one aggregate), which a file without repeats does not pay. Measured at about 3 s for 100,000
     * repeated addresses in a million rows; the attributes are folded in the same aggregate as the
     * fields because joining two aggregates of unanalysed rows chose a nested loop (minutes).
     */
    private void foldRepeatedAddresses() throws SQLException {
        try (Statement fold = connection.createStatement()) {
            fold.execute("ANALYZE " + table); // a sample: row counts for the joins below
            fold.executeUpdate("""
                    WITH repeated AS MATERIALIZED (
                        SELECT line, email_normalized, first_name, last_name, time_zone, locale, attributes, status
                        FROM %1$s
                        WHERE email_normalized IN (
                            SELECT email_normalized FROM %1$s GROUP BY email_normalized HAVING count(*) > 1)
                    ), folded AS (
                        -- one row per attribute of each line (at least one per line): the same line's
                        -- fields repeat, which the ordered array_agg(...)[1] does not mind
                        SELECT r.email_normalized, max(r.line) AS line,
                               (array_agg(r.first_name ORDER BY r.line DESC)
                                   FILTER (WHERE r.first_name IS NOT NULL))[1] AS first_name,
                               (array_agg(r.last_name ORDER BY r.line DESC)
                                   FILTER (WHERE r.last_name IS NOT NULL))[1] AS last_name,
                               (array_agg(r.time_zone ORDER BY r.line DESC)
                                   FILTER (WHERE r.time_zone IS NOT NULL))[1] AS time_zone,
                               (array_agg(r.locale ORDER BY r.line DESC)
                                   FILTER (WHERE r.locale IS NOT NULL))[1] AS locale,
                               jsonb_object_agg(a.key, a.value ORDER BY r.line) FILTER (WHERE a.key IS NOT NULL)
                                   AS attributes,
                               (array_agg(r.status ORDER BY r.line DESC) FILTER (WHERE r.status IS NOT NULL))[1]
                                   AS status
                        FROM repeated r LEFT JOIN LATERAL jsonb_each(r.attributes) a ON true
                        GROUP BY r.email_normalized
                    )
                    UPDATE %1$s s SET first_name = f.first_name, last_name = f.last_name, time_zone = f.time_zone,
                           locale = f.locale, attributes = f.attributes, status = f.status
                    FROM folded f
                    WHERE s.email_normalized = f.email_normalized AND s.line = f.line
                    """.formatted(table));
        }
    }

    /**
     * The addresses the file says a previous mailer suppressed (a {@code status} column) join the
     * suppression list (an earlier reason is kept), and those of active contacts change status; the
     * merge then creates new ones with the list's reason, as it does for any suppressed address.
     * Only the last line of an address counts (after the fold it carries the file's last status).
     */
    private void suppressAsTheFileSays(Instant now) throws SQLException {
        // one read of the staged rows feeds both writes (a data-modifying CTE)
        try (PreparedStatement suppress = connection.prepareStatement("""
                WITH said AS (
                    SELECT DISTINCT ON (email_normalized) email_normalized, email_hash, status FROM %s
                    WHERE status IS NOT NULL ORDER BY email_normalized, line DESC
                ), listed AS (
                    INSERT INTO suppressions (email_hash, reason, created_at)
                    SELECT email_hash, status, ? FROM said
                    ON CONFLICT (email_hash) DO NOTHING
                )
                UPDATE contacts c SET status = said.status, status_changed_at = ?, updated_at = ?
                FROM said WHERE c.email_normalized = said.email_normalized AND c.status = 'ACTIVE'
                """.formatted(table))) {
            Timestamp at = Timestamp.from(now);
            suppress.setTimestamp(1, at);
            suppress.setTimestamp(2, at);
            suppress.setTimestamp(3, at);
            suppress.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.cancelCopy();
        }
        super.close();
    }
}
