package io.iabulk.intelligence.history;

import io.iabulk.platform.Databases;
import io.iabulk.platform.UploadJobRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** History imports, their rejected lines and the rows they write to {@code engagement_history}, in SQL. */
@Repository
class JdbcHistoryImports {

    private static final String COLUMNS =
            "id, status, format, file_name, processed, imported, invalid, error, created_at, finished_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;
    private final TransactionTemplate transactions;
    private final UploadJobRows jobs;

    JdbcHistoryImports(
            JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = Databases.isPostgres(dataSource);
        this.transactions = new TransactionTemplate(transactions);
        this.jobs = new UploadJobRows(jdbc, "history_imports");
    }

    long create(HistoryRows.Format format, String fileName, long size, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO history_imports (status, format, file_name, size_bytes, created_at, heartbeat_at)
                VALUES ('RUNNING', :format, :name, :size, :now, :now)
                """)
                .param("format", format.name())
                .param("name", fileName == null ? null : HistoryRows.clip(fileName))
                .param("size", size)
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<HistoryImport> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM history_imports WHERE id = :id")
                .param("id", id)
                .query(JdbcHistoryImports::historyImport)
                .optional();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM history_imports WHERE id = :id").param("id", id).update();
    }

    /** Publishes the counters of a running import and renews its heartbeat. */
    void progress(long id, long processed, long imported, long invalid, Instant now) {
        jdbc.sql("""
                UPDATE history_imports SET processed = :processed, imported = :imported, invalid = :invalid,
                    heartbeat_at = :now
                WHERE id = :id AND status = 'RUNNING'
                """)
                .param("id", id)
                .param("processed", processed)
                .param("imported", imported)
                .param("invalid", invalid)
                .param("now", Timestamp.from(now))
                .update();
    }

    void finish(long id, long processed, long imported, long invalid, Instant now) {
        jdbc.sql("""
                UPDATE history_imports SET status = 'FINISHED', processed = :processed, imported = :imported,
                    invalid = :invalid, heartbeat_at = :now, finished_at = :now
                WHERE id = :id AND status = 'RUNNING'
                """)
                .param("id", id)
                .param("processed", processed)
                .param("imported", imported)
                .param("invalid", invalid)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The jobs' heartbeats and failures (shared with the other upload jobs). */
    UploadJobRows jobs() {
        return jobs;
    }

    void reject(long id, List<HistoryRows.Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO history_import_rejections (import_id, line, reason, detail, email, message_id)
                VALUES (?, ?, ?, ?, ?, ?)
                """, rejections, rejections.size(), (PreparedStatement ps, HistoryRows.Rejection r) -> {
            ps.setLong(1, id);
            ps.setLong(2, r.line());
            ps.setString(3, r.reason().name());
            ps.setString(4, storable(r.detail(), 300));
            ps.setString(5, storable(r.email(), 320));
            ps.setString(6, storable(r.messageId(), 200));
        });
    }

    /** Receives one rejected line. */
    @FunctionalInterface
    interface RejectionHandler {
        void accept(long line, String reason, String detail, String email, String messageId) throws IOException;
    }

    /** Streams the rejected lines of an import in line order. */
    void rejections(long id, RejectionHandler handler) {
        jdbc.sql("""
                SELECT line, reason, detail, email, message_id FROM history_import_rejections
                WHERE import_id = :id ORDER BY line
                """).param("id", id).withFetchSize(1000).query(rs -> {
            try {
                handler.accept(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes one batch of rows (distinct by contact and message id) in its own transaction: a row
     * whose (contact, messageId) is stored replaces it. PostgreSQL: the batch as arrays in one
     * {@code INSERT … SELECT FROM unnest … ON CONFLICT DO UPDATE}; H2: a JDBC batch of MERGE.
     */
    void upsert(List<Resolved> rows, Instant importedAt) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            upsertArrays(rows, importedAt);
        } else {
            upsertMerge(rows, importedAt);
        }
    }

    /** A row and the contact of its address. */
    record Resolved(long contactId, HistoryRows.Row row) {}

    private void upsertArrays(List<Resolved> rows, Instant importedAt) {
        int n = rows.size();
        Long[] contacts = new Long[n];
        String[] messages = new String[n];
        Timestamp[][] times = new Timestamp[6][n];
        Integer[] opens = new Integer[n];
        Integer[] clicks = new Integer[n];
        for (int i = 0; i < n; i++) {
            Resolved resolved = rows.get(i);
            HistoryRows.Row row = resolved.row();
            contacts[i] = resolved.contactId();
            messages[i] = row.messageId();
            times[0][i] = ts(row.sentAt());
            times[1][i] = ts(row.openedAt());
            times[2][i] = ts(row.clickedAt());
            times[3][i] = ts(row.unsubscribedAt());
            times[4][i] = ts(row.bouncedAt());
            times[5][i] = ts(row.complainedAt());
            opens[i] = row.opens();
            clicks[i] = row.clicks();
        }
        // a batch's commit does not wait for the WAL flush: the import's end is written with a
        // synchronous commit, which flushes every batch before it, so a FINISHED import is durable;
        // a crash before it leaves the import to the reaper (FAILED) and the file is imported again
        transactions.executeWithoutResult(status -> template.execute((Connection connection) -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL synchronous_commit = off");
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, opens, clicks,
                        unsubscribed_at, bounced_at, complained_at, imported_at)
                    SELECT u.c, u.m, u.s, u.o, u.k, u.os, u.ks, u.u, u.b, u.p, ?
                    FROM unnest(?::bigint[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                        ?::int[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])
                        AS u(c, m, s, o, k, os, ks, u, b, p)
                    ON CONFLICT (contact_id, message_id) DO UPDATE SET sent_at = EXCLUDED.sent_at,
                        opened_at = EXCLUDED.opened_at, clicked_at = EXCLUDED.clicked_at, opens = EXCLUDED.opens,
                        clicks = EXCLUDED.clicks, unsubscribed_at = EXCLUDED.unsubscribed_at,
                        bounced_at = EXCLUDED.bounced_at, complained_at = EXCLUDED.complained_at,
                        imported_at = EXCLUDED.imported_at
                    """)) {
                upsert.setTimestamp(1, Timestamp.from(importedAt));
                Array[] arrays = {
                    connection.createArrayOf("bigint", contacts),
                    connection.createArrayOf("varchar", messages),
                    connection.createArrayOf("timestamptz", times[0]),
                    connection.createArrayOf("timestamptz", times[1]),
                    connection.createArrayOf("timestamptz", times[2]),
                    connection.createArrayOf("int4", opens),
                    connection.createArrayOf("int4", clicks),
                    connection.createArrayOf("timestamptz", times[3]),
                    connection.createArrayOf("timestamptz", times[4]),
                    connection.createArrayOf("timestamptz", times[5])
                };
                for (int a = 0; a < arrays.length; a++) {
                    upsert.setArray(2 + a, arrays[a]);
                }
                upsert.executeUpdate();
                for (Array array : arrays) {
                    array.free();
                }
            }
            return null;
        }));
    }

    private void upsertMerge(List<Resolved> rows, Instant importedAt) {
        Timestamp at = Timestamp.from(importedAt);
        template.batchUpdate("""
                MERGE INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, opens, clicks,
                    unsubscribed_at, bounced_at, complained_at, imported_at)
                KEY (contact_id, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, rows.size(), (statement, resolved) -> {
            HistoryRows.Row row = resolved.row();
            statement.setLong(1, resolved.contactId());
            statement.setString(2, row.messageId());
            statement.setTimestamp(3, ts(row.sentAt()));
            statement.setTimestamp(4, ts(row.openedAt()));
            statement.setTimestamp(5, ts(row.clickedAt()));
            statement.setInt(6, row.opens());
            statement.setInt(7, row.clicks());
            statement.setTimestamp(8, ts(row.unsubscribedAt()));
            statement.setTimestamp(9, ts(row.bouncedAt()));
            statement.setTimestamp(10, ts(row.complainedAt()));
            statement.setTimestamp(11, at);
        });
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** At most {@code max} characters and no NUL (PostgreSQL text cannot hold it). */
    private static String storable(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
        return clean.length() <= max ? clean : clean.substring(0, max);
    }

    private static HistoryImport historyImport(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new HistoryImport(
                rs.getLong("id"),
                rs.getString("status"),
                rs.getString("format"),
                rs.getString("file_name"),
                rs.getLong("processed"),
                rs.getLong("imported"),
                rs.getLong("invalid"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
