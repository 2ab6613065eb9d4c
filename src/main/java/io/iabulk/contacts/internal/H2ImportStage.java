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
 * one address at a time, in one transaction, by the same rules as the PostgreSQL merge.
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
    void add(ImportRows.Row row) throws SQLException {
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

    @Override
    Merged merge(long processed, long invalid, Instant now) throws SQLException {
        if (batched > 0) {
            insert.executeBatch();
        }
        insert.close();
        connection.setAutoCommit(false);
        long created = 0;
        long updated = 0;
        long suppressed = 0;
        Timestamp at = Timestamp.from(now);
        try (Statement scan = connection.createStatement();
                ResultSet rows = scan.executeQuery("SELECT email, email_normalized, email_hash, first_name, last_name,"
                        + " time_zone, locale, attributes FROM " + table + " ORDER BY email_normalized, line DESC");
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
            String previous = null;
            while (rows.next()) {
                String normalized = rows.getString(2);
                if (normalized.equals(previous)) {
                    continue; // an earlier line of the same address: the last line won
                }
                previous = normalized;
                String attributes = rows.getString(8);
                find.setString(1, normalized);
                try (ResultSet existing = find.executeQuery()) {
                    if (existing.next()) {
                        Map<String, String> merged =
                                new TreeMap<>(JdbcContactRepository.attributes(existing.getString(3)));
                        merged.putAll(JdbcContactRepository.attributes(attributes));
                        for (int i = 1; i <= 5; i++) {
                            update.setString(i, rows.getString(i == 1 ? 1 : i + 2));
                        }
                        update.setString(6, JdbcContactEdits.json(merged));
                        update.setTimestamp(7, at);
                        update.setLong(8, existing.getLong(1));
                        update.executeUpdate();
                        if (ContactStatus.valueOf(existing.getString(2)).mailable()) {
                            updated++;
                        } else {
                            suppressed++;
                        }
                        continue;
                    }
                }
                String status = statusOfNew(reason, rows.getString(3));
                create.setString(1, rows.getString(1));
                create.setString(2, normalized);
                for (int i = 3; i <= 6; i++) {
                    create.setString(i, rows.getString(i + 1));
                }
                create.setString(7, attributes == null ? "{}" : attributes);
                create.setString(8, status);
                create.setTimestamp(9, at);
                create.setTimestamp(10, at);
                create.setTimestamp(11, at);
                create.executeUpdate();
                if (status.equals("ACTIVE")) {
                    created++;
                } else {
                    suppressed++;
                }
            }
        }
        Merged merged = new Merged(created, updated, suppressed);
        finish(processed, invalid, merged, now);
        connection.commit();
        connection.setAutoCommit(true);
        return merged;
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
