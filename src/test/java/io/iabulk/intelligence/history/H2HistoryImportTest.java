package io.iabulk.intelligence.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contacts.EmailAddress;
import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.PastSend;
import io.iabulk.support.H2Databases;
import io.iabulk.support.MutableClock;
import io.iabulk.support.SqlTimelineSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.util.unit.DataSize;

/**
 * Embedded mode (H2) imports history with the same code (the JDBC batch of MERGE instead of the
 * unnest upsert) and the timelines read it back: re-import replaces, rejections are stored.
 */
class H2HistoryImportTest {

    private final MutableClock clock = new MutableClock();
    private JdbcClient jdbc;
    private HistoryImporter importer;
    private JdbcHistoryImports imports;

    @BeforeEach
    void migrate() {
        DataSource dataSource = H2Databases.migrated();
        jdbc = JdbcClient.create(dataSource);
        imports = new JdbcHistoryImports(
                jdbc, new JdbcTemplate(dataSource), dataSource, new DataSourceTransactionManager(dataSource));
        clock.pin(Instant.parse("2026-12-07T10:00:00Z"));
        HistoryImportProperties settings = new HistoryImportProperties(
                DataSize.ofMegabytes(1),
                null,
                2,
                1,
                1,
                1000,
                Duration.ofMinutes(5),
                Duration.ofSeconds(20),
                Duration.ofMinutes(2));
        importer = new HistoryImporter(this::ids, imports, settings, clock);
    }

    @AfterEach
    void stop() {
        importer.destroy();
    }

    /** The contacts module's lookup, as SQL on this database. */
    private Map<String, Long> ids(Collection<EmailAddress> emails) {
        Map<String, Long> ids = new HashMap<>();
        for (EmailAddress email : emails) {
            jdbc.sql("SELECT id FROM contacts WHERE email_normalized = :e AND status <> 'ERASED'")
                    .param("e", email.normalized())
                    .query(Long.class)
                    .optional()
                    .ifPresent(id -> ids.put(email.normalized(), id));
        }
        return ids;
    }

    private long contact(String email) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:e, :e, 'ACTIVE', :now, :now)
                        """)
                .param("e", email)
                .param("now", Timestamp.from(clock.instant()))
                .update(key, "id");
        return key.getKey().longValue();
    }

    private HistoryImport run(String body, HistoryRows.Format format) throws Exception {
        Path file = Files.createTempFile("h2-history-", ".upload");
        Files.writeString(file, body, StandardCharsets.UTF_8);
        HistoryImport started = importer.start(file, null, Files.size(file), format);
        for (int i = 0; i < 200 && importer.find(started.id()).status().equals("RUNNING"); i++) {
            Thread.sleep(25);
        }
        // the job's status is written before its worker removes the upload: wait for both
        await("the upload is deleted").atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
        return importer.find(started.id());
    }

    @Test
    void importsReplacesAndTheTimelinesReadItBack() throws Exception {
        long ada = contact("ada@example.com");
        HistoryImport first = run("""
                email,messageId,sentAt,openedAt,opens
                ada@example.com,m1,2026-03-01T09:00:00Z,2026-03-01T09:05:00Z,
                ada@example.com,m2,2026-03-02T09:00:00Z,,
                nobody@example.com,m1,2026-03-01T09:00:00Z,,
                ada@example.com,m3,2026-03-03T09:00:00+01:00,2026-03-03T07:59:00Z,
                """, HistoryRows.Format.CSV);
        assertThat(first.status()).isEqualTo("FINISHED");
        assertThat(first.imported()).isEqualTo(2);
        assertThat(first.invalid()).isEqualTo(2);
        List<String> reasons = new ArrayList<>();
        importer.rejections(first.id(), (line, reason, detail, email, messageId) -> reasons.add(line + " " + reason));
        assertThat(reasons).containsExactly("4 UNKNOWN_CONTACT", "5 OPENED_BEFORE_SENT");

        HistoryImport second = run("""
                {"email":"ada@example.com","messageId":"m2","sentAt":"2026-03-02T09:00:00Z","openedAt":"2026-03-02T10:00:00Z","opens":4}
                {"email":"ada@example.com","messageId":"m2","sentAt":"2026-03-02T09:00:00Z","openedAt":"2026-03-02T11:00:00Z","opens":2}
                {"email":"ada@example.com","messageId":"m0","sentAt":"2025-01-01T00:00:00Z"}
                """, HistoryRows.Format.NDJSON);
        assertThat(second.imported()).isEqualTo(3);

        ContactTimeline timeline = SqlTimelineSources.timelines(jdbc).of(ada).orElseThrow();
        assertThat(timeline.sends())
                .extracting(PastSend::sentAt)
                .containsExactly(
                        Instant.parse("2025-01-01T00:00:00Z"),
                        Instant.parse("2026-03-01T09:00:00Z"),
                        Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(timeline.sends().get(2).opens()).isEqualTo(2);
        assertThat(timeline.sends().get(2).openedAt()).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        assertThat(timeline.sends()).allMatch(PastSend::imported);
        assertThat(timeline.joinedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void aStaleImportIsFailedByTheReaper() {
        long id = imports.create(HistoryRows.Format.CSV, null, 1, clock.instant());
        clock.advance(Duration.ofMinutes(3));

        assertThat(importer.reap()).containsExactly(id);
        assertThat(importer.find(id).status()).isEqualTo("FAILED");
        assertThat(importer.find(id).error()).contains("upload the file again");
    }
}
