package io.iabulk.delivery;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A campaign sent for real to the SMTP server, then SendGrid's webhook reporting a bounce, a
 * complaint and repeating both: the {@code email.*} rollups count each real change once and agree
 * with the exact status counts.
 */
class EmailRollupsFlowTest extends HttpTest {

    private static final Set<String> TYPES = Set.of(
            EventTypes.EMAIL_SENT,
            EventTypes.EMAIL_DELIVERED,
            EventTypes.EMAIL_BOUNCED,
            EventTypes.EMAIL_COMPLAINED,
            EventTypes.EMAIL_UNSUBSCRIBED);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    DeliveryService delivery;

    @Test
    void countsSendsThenALaterBounceAndAComplaintOnceEach() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 3);
        long campaign = campaign(admin, template(admin), segment(admin, tag), Map.of());
        assertThat(admin.post("/api/v1/campaigns/" + campaign + "/start").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FINISHED"
                        .equals(admin.get("/api/v1/campaigns/" + campaign)
                                .json()
                                .get("status")
                                .asString()));

        analytics.flush();
        assertThat(totals(campaign))
                .containsEntry(EventTypes.EMAIL_SENT, 3L)
                .containsEntry(EventTypes.EMAIL_DELIVERED, 3L)
                .doesNotContainKeys(
                        EventTypes.EMAIL_BOUNCED, EventTypes.EMAIL_COMPLAINED, EventTypes.EMAIL_UNSUBSCRIBED);

        long bounced = CampaignTestData.sendOf(jdbc, campaign, emails.get(0));
        long complained = CampaignTestData.sendOf(jdbc, campaign, emails.get(1));
        long unsubscribed = CampaignTestData.sendOf(jdbc, campaign, emails.get(2));
        Instant sentAt = delivery.sendFacts(bounced).orElseThrow().sentAt();
        // a day after the send, so the bounce lands in a bucket of its own
        long bounceAt = sentAt.plus(Duration.ofDays(1)).getEpochSecond();
        String events = """
                [{"email":"%s","timestamp":%d,"event":"bounce","type":"bounce","reason":"550 5.1.1 gone","send_id":"%d"},
                 {"email":"%s","timestamp":%d,"event":"spamreport","send_id":"%d"},
                 {"email":"%s","timestamp":%d,"event":"unsubscribe","send_id":"%d"}]
                """.formatted(
                        emails.get(0),
                        bounceAt,
                        bounced,
                        emails.get(1),
                        bounceAt,
                        complained,
                        emails.get(2),
                        bounceAt,
                        unsubscribed);
        for (int i = 0; i < 2; i++) {
            // the second post repeats both events, as SendGrid does when it retries a batch
            Api.Response webhook = api.send("POST", "/api/v1/webhooks/sendgrid", "application/json", events.getBytes());
            assertThat(webhook.status()).as(webhook.body()).isEqualTo(200);
        }

        analytics.flush();
        Map<String, Long> totals = totals(campaign);
        assertThat(totals)
                .containsEntry(EventTypes.EMAIL_SENT, 3L)
                .containsEntry(EventTypes.EMAIL_DELIVERED, 2L)
                .containsEntry(EventTypes.EMAIL_BOUNCED, 1L)
                .containsEntry(EventTypes.EMAIL_COMPLAINED, 1L)
                .containsEntry(EventTypes.EMAIL_UNSUBSCRIBED, 1L);
        SendProgress progress = delivery.progress(campaign);
        assertThat(totals.get(EventTypes.EMAIL_DELIVERED)).isEqualTo(progress.sent());
        assertThat(totals.get(EventTypes.EMAIL_SENT)).isEqualTo(progress.sent() + progress.bounced());

        Instant from = Granularity.DAY.bucketOf(sentAt);
        List<RollupBucket> hours =
                analytics.series(TYPES, null, campaign, from, from.plus(Duration.ofDays(3)), Granularity.HOUR);
        Map<Instant, Long> expected = new HashMap<>();
        for (Instant at : jdbc.sql("SELECT sent_at FROM email_sends WHERE campaign_id = :campaign")
                .param("campaign", campaign)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list()) {
            expected.merge(Granularity.HOUR.bucketOf(at), 1L, Long::sum);
        }
        // the bounce takes the delivery back in the hour the message was sent
        expected.merge(Granularity.HOUR.bucketOf(sentAt), -1L, Long::sum);
        expected.values().removeIf(n -> n == 0);
        Map<Instant, Long> delivered = new HashMap<>();
        hours.stream()
                .filter(b -> b.type().equals(EventTypes.EMAIL_DELIVERED) && b.count() != 0)
                .forEach(b -> delivered.put(b.start(), b.count()));
        assertThat(delivered).isEqualTo(expected);
        assertThat(hours)
                .filteredOn(b -> b.type().equals(EventTypes.EMAIL_BOUNCED))
                .singleElement()
                .satisfies(b ->
                        assertThat(b.start()).isEqualTo(Granularity.HOUR.bucketOf(Instant.ofEpochSecond(bounceAt))));
    }

    private Map<String, Long> totals(long campaign) {
        Map<String, Long> totals = new HashMap<>();
        for (RollupTotal t : analytics.totals(TYPES, 0L, campaign)) {
            totals.put(t.type(), t.count());
        }
        return totals;
    }
}
