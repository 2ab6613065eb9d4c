package io.iabulk.contacts.internal;

import io.iabulk.contacts.ContactStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The embedded database (one instance, small files): rows are staged with batched inserts and merged
 * one address at a time, in one transaction, by the same rules as the PostgreSQL merge: the lines of
 * an address are read in file order and folded, then merged into the contact.
 */
final class H2ImportStage extends ImportStage {

    private static final int BATCH = 1000;

    private final PreparedStatement insert;
    private int batched;

    H2ImportStage(Connection connection, long importId) throws SQLException {
        super(connection, importId);
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE " + table + """
                     (line BIGINT, email VARCHAR(320), email_normalized VARCHAR(320), email_hash CHAR(64),
                      first_name VARCHAR(100), last_name VARCHAR(100), time_zone VARCHAR(64), locale VARCHAR(35),
                      attributes VARCHAR(1000000), status VARCHAR(20))
                    """);
        }
        insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    @Override
    protected void stage(ImportRows.Row row) throws SQLException {
        insert.setLong(1, row.line());
        insert.setString(2, row.email());
        insert.setString(3, row.normalized());
        insert.setString(4, row.hash());
        insert.setString(5, row.firstName());
        insert.setString(6, row.lastName());
        insert.setString(7, row.timeZone());
        insert.setString(8, row.locale());
        insert.setString(9, row.attributesJson());
        insert.setString(10, row.status());
        insert.addBatch();
        if (++batched == BATCH) {
            insert.executeBatch();
            batched = 0;
        }
    }

    /** The lines of one address folded in file order, as the PostgreSQL merge folds them. */
    private static final class Folded {

        final String normalized;
        final String hash;
        String email;
        final String[] fields = new String[4]; // first name, last name, time zone, locale
        Map<String, String> attributes; // null while no line had any
        String status; // the last suppressing status a line gave, null while none did

        Folded(String normalized, String hash) {
            this.normalized = normalized;
            this.hash = hash;
        }

        /** A later line of the address: its non-empty cells win, its empty ones keep. */
        void fold(ResultSet row) throws SQLException {
            email = row.getString(1);
            for (int i = 0; i < fields.length; i++) {
                String value = row.getString(i + 4);
                if (value != null) {
                    fields[i] = value;
                }
            }
            String json = row.getString(8);
            if (json != null) {
                if (attributes == null) {
                    attributes = new TreeMap<>();
                }
                attributes.putAll(JdbcContactRepository.attributes(json));
            }
            String said = row.getString(9);
            if (said != null) {
                status = said;
            }
        }
    }

    @Override
    Merged merge(long processed, long invalid, Instant now) throws SQLException {
        if (batched > 0) {
            insert.executeBatch();
        }
        insert.close();
        connection.setAutoCommit(false);
        long[] counts = new long[3]; // created, updated, suppressed
        Timestamp at = Timestamp.from(now);
        try (Statement scan = connection.createStatement();
                ResultSet rows = scan.executeQuery("SELECT email, email_normalized, email_hash, first_name, last_name,"
                        + " time_zone, locale, attributes, status FROM " + table + " ORDER BY email_normalized, line");
                PreparedStatement find = connection.prepareStatement(
                        "SELECT id, status, attributes FROM contacts WHERE email_normalized = ?");
                PreparedStatement update = connection.prepareStatement("""
                        UPDATE contacts SET email = ?, first_name = COALESCE(?, first_name),
                               last_name = COALESCE(?, last_name), time_zone = COALESCE(?, time_zone),
                               locale = COALESCE(?, locale), attributes = ?, updated_at = ?
                        WHERE id = ?
                        """);
                PreparedStatement reason =
                        connection.prepareStatement("SELECT reason FROM suppressions WHERE email_hash = ?");
                PreparedStatement suppress = connection.prepareStatement("""
                        INSERT INTO suppressions (email_hash, reason, created_at) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """);
                PreparedStatement suppressContact = connection.prepareStatement("""
                        UPDATE contacts SET status = ?, status_changed_at = ?, updated_at = ?
                        WHERE id = ? AND status = 'ACTIVE'
                        """);
                PreparedStatement create = connection.prepareStatement("""
                        INSERT INTO contacts (email, email_normalized, first_name, last_name, time_zone, locale,
                                              attributes, status, status_changed_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            Folded address = null;
            while (rows.next()) {
                String normalized = rows.getString(2);
                if (address != null && !address.normalized.equals(normalized)) {
                    apply(address, new Statements(find, update, reason, suppress, suppressContact, create), at, counts);
                    address = null;
                }
                if (address == null) {
                    address = new Folded(normalized, rows.getString(3));
                }
                address.fold(rows);
            }
            if (address != null) {
                apply(address, new Statements(find, update, reason, suppress, suppressContact, create), at, counts);
            }
        }
        Merged merged = Merged.of(staged(), counts[0], counts[1], counts[2]);
        finish(processed, invalid, merged, now);
        connection.commit();
        connection.setAutoCommit(true);
        return merged;
    }

    /** The statements {@link #apply} runs. */
    private record Statements(
            PreparedStatement find,
            PreparedStatement update,
            PreparedStatement reason,
            PreparedStatement suppress,
            PreparedStatement suppressContact,
            PreparedStatement create) {}

    /**
     * Merges one address into the contacts, counting it in {@code counts} (created, updated,
     * suppressed). An address the file says was suppressed joins the suppression list first (an
     * earlier reason is kept), and an active contact of it takes that status, as in the PostgreSQL
     * merge.
     */
    private static void apply(Folded address, Statements sql, Timestamp at, long[] counts) throws SQLException {
        if (address.status != null) {
            sql.suppress().setString(1, address.hash);
            sql.suppress().setString(2, address.status);
            sql.suppress().setTimestamp(3, at);
            sql.suppress().executeUpdate();
        }
        sql.find().setString(1, address.normalized);
        try (ResultSet existing = sql.find().executeQuery()) {
            if (existing.next()) {
                long id = existing.getLong(1);
                String status = existing.getString(2);
                if (address.status != null && status.equals("ACTIVE")) {
                    sql.suppressContact().setString(1, address.status);
                    sql.suppressContact().setTimestamp(2, at);
                    sql.suppressContact().setTimestamp(3, at);
                    sql.suppressContact().setLong(4, id);
                    sql.suppressContact().executeUpdate();
                    status = address.status;
                }
                Map<String, String> merged = new TreeMap<>(JdbcContactRepository.attributes(existing.getString(3)));
                if (address.attributes != null) {
                    merged.putAll(address.attributes);
                }
                PreparedStatement update = sql.update();
                update.setString(1, address.email);
                for (int i = 0; i < address.fields.length; i++) {
                    update.setString(i + 2, address.fields[i]);
                }
                update.setString(6, JdbcContactEdits.json(merged));
                update.setTimestamp(7, at);
                update.setLong(8, id);
                update.executeUpdate();
                counts[ContactStatus.valueOf(status).mailable() ? 1 : 2]++;
                return;
            }
        }
        String status = statusOfNew(sql.reason(), address.hash);
        PreparedStatement create = sql.create();
        create.setString(1, address.email);
        create.setString(2, address.normalized);
        for (int i = 0; i < address.fields.length; i++) {
            create.setString(i + 3, address.fields[i]);
        }
        create.setString(7, address.attributes == null ? "{}" : JdbcContactEdits.json(address.attributes));
        create.setString(8, status);
        create.setTimestamp(9, at);
        create.setTimestamp(10, at);
        create.setTimestamp(11, at);
        create.executeUpdate();
        counts[status.equals("ACTIVE") ? 0 : 2]++;
    }

    private static String statusOfNew(PreparedStatement reason, String hash) throws SQLException {
        reason.setString(1, hash);
        try (ResultSet found = reason.executeQuery()) {
            if (!found.next()) {
                return "ACTIVE";
            }
            String why = found.getString(1);
            return why.equals("ERASED") ? "UNSUBSCRIBED" : why;
        }
    }
}
