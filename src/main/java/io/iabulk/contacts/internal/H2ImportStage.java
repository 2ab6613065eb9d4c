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
                      attributes VARCHAR(1000000))
                    """);
        }
        insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
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
                        + " time_zone, locale, attributes FROM " + table + " ORDER BY email_normalized, line");
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
                PreparedStatement create = connection.prepareStatement("""
                        INSERT INTO contacts (email, email_normalized, first_name, last_name, time_zone, locale,
                                              attributes, status, status_changed_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)) {
            Folded address = null;
            while (rows.next()) {
                String normalized = rows.getString(2);
                if (address != null && !address.normalized.equals(normalized)) {
                    apply(address, find, update, reason, create, at, counts);
                    address = null;
                }
                if (address == null) {
                    address = new Folded(normalized, rows.getString(3));
                }
                address.fold(rows);
            }
            if (address != null) {
                apply(address, find, update, reason, create, at, counts);
            }
        }
        Merged merged = Merged.of(staged(), counts[0], counts[1], counts[2]);
        finish(processed, invalid, merged, now);
        connection.commit();
        connection.setAutoCommit(true);
        return merged;
    }

    /** Merges one address into the contacts, counting it in {@code counts} (created, updated, suppressed). */
    private static void apply(
            Folded address,
            PreparedStatement find,
            PreparedStatement update,
            PreparedStatement reason,
            PreparedStatement create,
            Timestamp at,
            long[] counts)
            throws SQLException {
        find.setString(1, address.normalized);
        try (ResultSet existing = find.executeQuery()) {
            if (existing.next()) {
                Map<String, String> merged = new TreeMap<>(JdbcContactRepository.attributes(existing.getString(3)));
                if (address.attributes != null) {
                    merged.putAll(address.attributes);
                }
                update.setString(1, address.email);
                for (int i = 0; i < address.fields.length; i++) {
                    update.setString(i + 2, address.fields[i]);
                }
                update.setString(6, JdbcContactEdits.json(merged));
                update.setTimestamp(7, at);
                update.setLong(8, existing.getLong(1));
                update.executeUpdate();
                counts[ContactStatus.valueOf(existing.getString(2)).mailable() ? 1 : 2]++;
                return;
            }
        }
        String status = statusOfNew(reason, address.hash);
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
