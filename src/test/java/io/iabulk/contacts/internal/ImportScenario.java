package io.iabulk.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.SecretTokens;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One file's worth of staged rows repeating addresses with different empty cells, and what the
 * contacts must hold after the merge: run against both stages (PostgreSQL and H2).
 */
final class ImportScenario {

    private final String stored;
    private final String fresh;
    private final String single;

    ImportScenario(String stored, String fresh, String single) {
        this.stored = stored;
        this.fresh = fresh;
        this.single = single;
    }

    static ImportRows.Row row(
            long line, String address, String first, String last, String zone, String locale, String attributes) {
        return row(line, address, first, last, zone, locale, attributes, null);
    }

    static ImportRows.Row row(
            long line,
            String address,
            String first,
            String last,
            String zone,
            String locale,
            String attributes,
            String status) {
        EmailAddress email = EmailAddress.parse(address);
        return new ImportRows.Row(
                line,
                email.address(),
                email.normalized(),
                SecretTokens.sha256Hex(email.normalized()),
                first,
                last,
                zone,
                locale,
                attributes,
                status);
    }

    /** What a test does with the stage of its import: stages rows and merges them. */
    interface Step {
        ImportStage.Merged run(ImportStage stage) throws SQLException;
    }

    /** Opens the stage (PostgreSQL or H2) of an import. */
    interface Stages {
        ImportStage open(long importId) throws SQLException;
    }

    /** An import run by {@link #run}: its id and the merge's counts. */
    record Run(long id, ImportStage.Merged merged) {}

    /** Stores the contact, records an import, and stages and merges it by {@code step}. */
    Run run(JdbcClient jdbc, JdbcImportRepository imports, Stages stages, Step step) throws SQLException {
        storeContact(jdbc);
        long id = imports.create("scenario.csv", 10, Instant.now());
        try (ImportStage stage = stages.open(id)) {
            return new Run(id, step.run(stage));
        }
    }

    /** The contact that exists before the import. */
    void storeContact(JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO contacts (email, email_normalized, last_name, locale, attributes, status, created_at,
                    updated_at)
                VALUES (:email, :email, 'Stored', 'de', CAST(:attributes AS JSONB), 'ACTIVE', CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP)
                """)
                .param("email", stored)
                .param("attributes", "{\"old\":\"1\",\"plan\":\"free\"}")
                .update();
    }

    /** Stages the file: the stored address 3 times, a new one twice, another once. */
    ImportStage.Merged stageAndMerge(ImportStage stage) throws SQLException {
        stage.add(row(2, stored, "Ann", null, "Europe/Paris", null, "{\"plan\":\"pro\",\"city\":\"Paris\"}"));
        stage.add(row(3, fresh, "Fay", null, "UTC", null, "{\"a\":\"1\"}"));
        stage.add(row(4, stored.toUpperCase(), null, "Lee", null, "fr", "{\"city\":\"Nice\"}"));
        stage.add(row(5, single, "Olga", null, null, null, null));
        stage.add(row(6, fresh, null, "Fox", null, null, "{\"a\":\"2\",\"b\":\"3\"}"));
        stage.add(row(7, stored, "Annie", null, null, null, null));
        return stage.merge(6, 0, Instant.now());
    }

    void assertMerged(ImportStage.Merged merged, JdbcClient jdbc) {
        assertThat(merged).isEqualTo(new ImportStage.Merged(2, 1, 0, 3));
        Map<String, Object> storedRow = contact(jdbc, stored);
        assertThat(storedRow)
                .as("each field from the last line that had it; the stored value where no line had one")
                .containsEntry("email", stored)
                .containsEntry("first_name", "Annie")
                .containsEntry("last_name", "Lee")
                .containsEntry("time_zone", "Europe/Paris")
                .containsEntry("locale", "fr");
        assertThat(JdbcContactRepository.attributes(String.valueOf(storedRow.get("attributes"))))
                .isEqualTo(Map.of("old", "1", "plan", "pro", "city", "Nice"));
        Map<String, Object> freshRow = contact(jdbc, fresh);
        assertThat(freshRow)
                .containsEntry("first_name", "Fay")
                .containsEntry("last_name", "Fox")
                .containsEntry("time_zone", "UTC")
                .containsEntry("status", "ACTIVE");
        assertThat(JdbcContactRepository.attributes(String.valueOf(freshRow.get("attributes"))))
                .isEqualTo(Map.of("a", "2", "b", "3"));
        assertThat(contact(jdbc, single)).containsEntry("first_name", "Olga");
    }

    /**
     * A previous mailer's statuses: the stored (active) contact is unsubscribed by its line; a new
     * address whose lines say bounced then nothing is created bounced; a new address said subscribed
     * is active; every suppressed address is on the suppression list with the file's reason.
     */
    ImportStage.Merged stageStatusesAndMerge(ImportStage stage) throws SQLException {
        stage.add(row(2, stored, null, null, null, null, null, "UNSUBSCRIBED"));
        stage.add(row(3, fresh, "Bo", null, null, null, null, "BOUNCED"));
        stage.add(row(4, fresh, null, "Unce", null, null, null, null));
        stage.add(row(5, single, "Sue", null, null, null, null, null));
        return stage.merge(4, 0, Instant.now());
    }

    void assertStatusesMerged(ImportStage.Merged merged, JdbcClient jdbc) {
        assertThat(merged)
                .as("created (active), updated (active), suppressed, duplicates")
                .isEqualTo(new ImportStage.Merged(1, 0, 2, 1));
        assertThat(contact(jdbc, stored))
                .containsEntry("status", "UNSUBSCRIBED")
                .containsEntry("last_name", "Stored");
        assertThat(contact(jdbc, fresh))
                .containsEntry("status", "BOUNCED")
                .containsEntry("first_name", "Bo")
                .containsEntry("last_name", "Unce");
        assertThat(contact(jdbc, single)).containsEntry("status", "ACTIVE");
        assertThat(suppression(jdbc, stored)).isEqualTo("UNSUBSCRIBED");
        assertThat(suppression(jdbc, fresh)).isEqualTo("BOUNCED");
        assertThat(jdbc.sql("SELECT count(*) FROM suppressions WHERE email_hash = :hash")
                        .param(
                                "hash",
                                SecretTokens.sha256Hex(
                                        EmailAddress.parse(single).normalized()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static String suppression(JdbcClient jdbc, String address) {
        return jdbc.sql("SELECT reason FROM suppressions WHERE email_hash = :hash")
                .param(
                        "hash",
                        SecretTokens.sha256Hex(EmailAddress.parse(address).normalized()))
                .query(String.class)
                .single();
    }

    private static Map<String, Object> contact(JdbcClient jdbc, String address) {
        return jdbc.sql("""
                        SELECT email, first_name, last_name, time_zone, locale, CAST(attributes AS VARCHAR) AS attributes,
                            status
                        FROM contacts WHERE email_normalized = :normalized
                        """)
                .param("normalized", EmailAddress.parse(address).normalized())
                .query()
                .singleRow();
    }
}
