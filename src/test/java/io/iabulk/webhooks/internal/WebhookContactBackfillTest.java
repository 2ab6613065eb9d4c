package io.iabulk.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.H2Databases;
import io.iabulk.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The backfill of {@code webhook_deliveries.contact_id} for rows written before the column existed
 * (V2026_12_10_0701, one per vendor): the contact of a {@code contact.unsubscribed} row comes from its
 * subject, that of a {@code participant.signed_up} row from its payload, other events keep none, and
 * a row that has one keeps it. Each vendor's script is run again on rows written without a contact.
 */
@IntegrationTest
class WebhookContactBackfillTest {

    @Autowired
    DataSource postgres;

    @Test
    void fillsTheContactOfOldRowsOnPostgres() {
        backfillsTheContactOfRowsWrittenWithoutOne(postgres, "postgresql");
    }

    @Test
    void fillsTheContactOfOldRowsOnH2() {
        backfillsTheContactOfRowsWrittenWithoutOne(H2Databases.migrated(), "h2");
    }

    private static void backfillsTheContactOfRowsWrittenWithoutOne(DataSource dataSource, String vendor) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcWebhookDeliveries deliveries =
                new JdbcWebhookDeliveries(jdbc, new DataSourceTransactionManager(dataSource), dataSource);
        Instant now = Instant.parse("2026-12-09T10:00:00Z");
        new JdbcWebhooks(jdbc)
                .insert(
                        "http://127.0.0.1:9/backfill",
                        "secret-0123456789abcdef",
                        List.of("participant.signed_up", "contact.unsubscribed", "referral.credited"),
                        now);
        String run = Long.toString(System.nanoTime(), 36);
        // contacts of this run only: the PostgreSQL test database is shared with earlier runs
        long signedUp = 900_000_000_000L + System.nanoTime() % 1_000_000_000L;
        long unsubscribed = signedUp + 1;
        // written as the code before the column did: no contact on the row
        deliveries.record(
                "participant.signed_up",
                "evt_signed_" + run,
                "participant:" + run,
                null,
                0,
                "{\"id\":\"evt\",\"type\":\"participant.signed_up\",\"data\":{\"participantId\":5," + "\"contactId\":"
                        + signedUp + ",\"email\":\"ada@example.com\"}}",
                now,
                now);
        deliveries.record(
                "contact.unsubscribed",
                "evt_unsub_" + run,
                "contact:" + unsubscribed,
                null,
                0,
                "{\"data\":{\"contactId\":" + unsubscribed + "}}",
                now,
                now);
        deliveries.record(
                "referral.credited",
                "evt_credit_" + run,
                "participant:" + run,
                null,
                1,
                "{\"data\":{\"contactId\":55}}",
                now,
                now);
        deliveries.record(
                "participant.signed_up",
                "evt_known_" + run,
                "participant:k" + run,
                42L,
                0,
                "{\"data\":{\"contactId\":777}}",
                now,
                now);

        new ResourceDatabasePopulator(new ClassPathResource(
                        "db/vendor/" + vendor + "/V2026_12_10_0701__webhook_delivery_contact_backfill.sql"))
                .execute(dataSource);

        assertThat(contactOf(jdbc, "evt_signed_" + run)).isEqualTo(signedUp);
        assertThat(contactOf(jdbc, "evt_unsub_" + run)).isEqualTo(unsubscribed);
        assertThat(contactOf(jdbc, "evt_credit_" + run))
                .as("no contact in this event's kind")
                .isNull();
        assertThat(contactOf(jdbc, "evt_known_" + run)).as("kept").isEqualTo(42L);
        // and the erasure now finds the old rows
        assertThat(deliveries.erase(signedUp)).isEqualTo(1);
        assertThat(deliveries.erase(unsubscribed)).isEqualTo(1);
    }

    private static Long contactOf(JdbcClient jdbc, String eventId) {
        return jdbc.sql("SELECT contact_id FROM webhook_deliveries WHERE event_id = :id")
                .param("id", eventId)
                .query((rs, row) -> rs.getObject(1) == null ? null : rs.getLong(1))
                .list()
                .getFirst(); // single() refuses a null value
    }
}
