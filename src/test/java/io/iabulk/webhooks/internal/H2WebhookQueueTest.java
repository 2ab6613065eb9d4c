package io.iabulk.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.H2Databases;
import io.iabulk.webhooks.internal.JdbcWebhookDeliveries.Claimed;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The delivery queue's SQL on H2 (embedded mode): recording per subscribed webhook, the claim of
 * each subject's head behind the in-process lock, expired leases claimed again, settling.
 */
class H2WebhookQueueTest {

    @Test
    void theHeadOfEachSubjectIsClaimedAndItsFollowerOnlyOnceItIsDelivered() {
        DataSource dataSource = H2Databases.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcWebhooks webhooks = new JdbcWebhooks(jdbc);
        JdbcWebhookDeliveries deliveries =
                new JdbcWebhookDeliveries(jdbc, new DataSourceTransactionManager(dataSource), dataSource);
        Instant now = Instant.parse("2026-12-09T10:00:00Z");
        long hook =
                webhooks.insert("http://127.0.0.1:9/h", "secret-0123456789abcdef", List.of("referral.credited"), now);
        webhooks.insert("http://127.0.0.1:9/other", "secret-0123456789abcdef", List.of("campaign.finished"), now);

        assertThat(deliveries.record("referral.credited", "evt_1", "participant:1", null, 0, "{}", now, now))
                .isEqualTo(1);
        assertThat(deliveries.record("referral.credited", "evt_1", "participant:1", null, 0, "{}", now, now))
                .as("again")
                .isZero();
        deliveries.record("referral.credited", "evt_2", "participant:1", null, 0, "{}", now, now);
        deliveries.record("referral.credited", "evt_3", "participant:2", null, 0, "{}", now, now);

        List<Claimed> first = deliveries.claim(10, "w1", now.plusSeconds(60), now);
        assertThat(first).extracting(Claimed::eventId).containsExactly("evt_1", "evt_3");
        assertThat(first).allSatisfy(c -> assertThat(c.webhookId()).isEqualTo(hook));
        assertThat(deliveries.claim(10, "w2", now.plusSeconds(60), now)).isEmpty();

        // evt_3's worker died: its lease expires and another claims it; evt_1 is delivered
        assertThat(deliveries.settle(first.get(0), "w1", "DELIVERED", 200, null, null, now))
                .isTrue();
        Instant later = now.plusSeconds(61);
        List<Claimed> second = deliveries.claim(10, "w2", later.plusSeconds(60), later);
        assertThat(second).extracting(Claimed::eventId).containsExactlyInAnyOrder("evt_2", "evt_3");
        assertThat(second)
                .filteredOn(c -> c.eventId().equals("evt_3"))
                .singleElement()
                .extracting(Claimed::attempt)
                .isEqualTo(2);
        assertThat(deliveries.settle(first.get(1), "w1", "DELIVERED", 200, null, null, later))
                .as("stale")
                .isFalse();

        assertThat(deliveries.page(hook, null, null, 10))
                .extracting(d -> d.status())
                .containsExactly("SENDING", "SENDING", "DELIVERED");
        assertThat(deliveries.page(hook, "DELIVERED", null, 10)).hasSize(1);
    }

    @Test
    void aSubjectsRowsGoByTheirNumberNotByTheOrderTheyWereRecorded() {
        DataSource dataSource = H2Databases.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcWebhookDeliveries deliveries =
                new JdbcWebhookDeliveries(jdbc, new DataSourceTransactionManager(dataSource), dataSource);
        Instant now = Instant.parse("2026-12-09T10:00:00Z");
        new JdbcWebhooks(jdbc)
                .insert("http://127.0.0.1:9/h", "secret-0123456789abcdef", List.of("referral.credited"), now);
        // credit 2 recorded before credit 1 (their listeners ran in the other order)
        deliveries.record("referral.credited", "evt_credit_2", "participant:1", null, 4, "{}", now, now);
        deliveries.record("referral.credited", "evt_credit_1", "participant:1", null, 2, "{}", now, now);
        // not due yet (the order grace), yet it holds back the subject's later rows
        deliveries.record("referral.credited", "evt_late", "participant:2", null, 2, "{}", now, now.plusSeconds(2));
        deliveries.record("referral.credited", "evt_after", "participant:2", null, 4, "{}", now, now);

        List<Claimed> claimed = deliveries.claim(10, "w", now.plusSeconds(60), now);
        assertThat(claimed).extracting(Claimed::eventId).containsExactly("evt_credit_1");
    }
}
