package io.iabulk.intelligence.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.H2Databases;
import io.iabulk.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * V2026_12_11_0100 on rows imported before a click counted as an open: a click without an open, or
 * before it, becomes the first open; other rows are left as they are. Run again on both databases.
 */
@IntegrationTest
class ImpliedOpensMigrationTest {

    @Autowired
    DataSource postgres;

    @Test
    void aClickIsTheFirstOpenOfOldRowsOnPostgres() {
        givesOldClicksTheirOpen(postgres);
    }

    @Test
    void aClickIsTheFirstOpenOfOldRowsOnH2() {
        givesOldClicksTheirOpen(H2Databases.migrated());
    }

    private static void givesOldClicksTheirOpen(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        // a contact of this run only: the PostgreSQL test database is shared with earlier runs
        long contact = 800_000_000_000L + System.nanoTime() % 1_000_000_000L;
        Instant sent = Instant.parse("2026-03-01T09:00:00Z");
        insert(jdbc, contact, "blocked", sent, null, sent.plusSeconds(600), 0, 1);
        insert(jdbc, contact, "clicked-first", sent, sent.plusSeconds(900), sent.plusSeconds(300), 3, 1);
        insert(jdbc, contact, "opened-first", sent, sent.plusSeconds(60), sent.plusSeconds(120), 2, 1);
        insert(jdbc, contact, "nothing", sent, null, null, 0, 0);

        new ResourceDatabasePopulator(
                        new ClassPathResource("db/migration/intelligence/V2026_12_11_0100__implied_opens.sql"))
                .execute(dataSource);

        assertThat(opened(jdbc, contact, "blocked")).isEqualTo(sent.plusSeconds(600));
        assertThat(opens(jdbc, contact, "blocked")).isEqualTo(1);
        assertThat(opened(jdbc, contact, "clicked-first")).isEqualTo(sent.plusSeconds(300));
        assertThat(opens(jdbc, contact, "clicked-first")).isEqualTo(3);
        assertThat(opened(jdbc, contact, "opened-first")).as("kept").isEqualTo(sent.plusSeconds(60));
        assertThat(opened(jdbc, contact, "nothing")).isNull();
        assertThat(opens(jdbc, contact, "nothing")).isZero();
    }

    private static void insert(
            JdbcClient jdbc,
            long contact,
            String message,
            Instant sent,
            Instant opened,
            Instant clicked,
            int opens,
            int clicks) {
        jdbc.sql("""
                INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, opens, clicks,
                    imported_at)
                VALUES (:contact, :message, :sent, :opened, :clicked, :opens, :clicks, :sent)
                """)
                .param("contact", contact)
                .param("message", message)
                .param("sent", Timestamp.from(sent))
                .param("opened", opened == null ? null : Timestamp.from(opened), java.sql.Types.TIMESTAMP)
                .param("clicked", clicked == null ? null : Timestamp.from(clicked), java.sql.Types.TIMESTAMP)
                .param("opens", opens)
                .param("clicks", clicks)
                .update();
    }

    private static Instant opened(JdbcClient jdbc, long contact, String message) {
        return select(jdbc, contact, message, "opened_at")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .single()
                .orElse(null);
    }

    private static int opens(JdbcClient jdbc, long contact, String message) {
        return select(jdbc, contact, message, "opens").query(Integer.class).single();
    }

    private static JdbcClient.StatementSpec select(JdbcClient jdbc, long contact, String message, String column) {
        return jdbc.sql("SELECT " + column + " FROM engagement_history WHERE contact_id = :c AND message_id = :m")
                .param("c", contact)
                .param("m", message);
    }
}
