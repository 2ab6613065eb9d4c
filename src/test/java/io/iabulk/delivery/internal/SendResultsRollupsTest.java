package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The group committer's outcomes in the rollups: an accepted message counts as sent and
 * delivered, a hard bounce at SMTP time as sent and bounced, the rest not at all; a result whose
 * row is no longer this instance's counts nothing.
 */
@IntegrationTest
class SendResultsRollupsTest {

    private static final String ME = "rollups-test-instance";

    @Autowired
    JdbcSendResults results;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void countsAcceptedAndHardBouncedMessagesOnceAfterCommit() {
        // a campaign id no other test uses, and rows leased far ahead so no worker or reaper touches them
        long campaign = ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
        List<String> emails = CampaignTestData.taggedContacts(jdbc, ContestTestData.unique(), 4);
        long[] sends = new long[4];
        for (int i = 0; i < 4; i++) {
            sends[i] = claimedSend(campaign, emails.get(i));
        }
        Instant now = Instant.now();
        List<SendResult> outcomes = List.of(
                new SendResult(sends[0], campaign, contact(sends[0]), SendStatus.SENT, null, false, "<a@x>", null),
                new SendResult(sends[1], campaign, contact(sends[1]), SendStatus.SENT, null, false, "<b@x>", null),
                new SendResult(sends[2], campaign, contact(sends[2]), SendStatus.BOUNCED, null, false, null, "550"),
                new SendResult(sends[3], campaign, contact(sends[3]), SendStatus.FAILED, null, false, null, "554"));

        assertThat(results.write(outcomes, ME, now)).isEqualTo(4);
        assertThat(results.write(outcomes, ME, now))
                .as("the rows are settled: a repeated write changes and counts nothing")
                .isZero();

        analytics.flush();
        Map<String, Long> totals = new HashMap<>();
        for (RollupTotal t : analytics.totals(
                Set.of(
                        EventTypes.EMAIL_SENT,
                        EventTypes.EMAIL_DELIVERED,
                        EventTypes.EMAIL_BOUNCED,
                        EventTypes.EMAIL_COMPLAINED),
                0L,
                campaign)) {
            totals.put(t.type(), t.count());
        }
        assertThat(totals)
                .containsEntry(EventTypes.EMAIL_SENT, 3L)
                .containsEntry(EventTypes.EMAIL_DELIVERED, 2L)
                .containsEntry(EventTypes.EMAIL_BOUNCED, 1L)
                .doesNotContainKey(EventTypes.EMAIL_COMPLAINED);
    }

    private long claimedSend(long campaign, String email) {
        jdbc.sql("""
                INSERT INTO email_sends (campaign_id, contact_id, status, attempts, next_attempt_at, lease_until,
                    leased_by, created_at)
                SELECT :campaign, id, 'SENDING', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '1 hour', :me,
                    CURRENT_TIMESTAMP
                FROM contacts WHERE email = :email
                """)
                .param("campaign", campaign)
                .param("me", ME)
                .param("email", email)
                .update();
        return jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :campaign AND leased_by = :me"
                        + " AND contact_id = (SELECT id FROM contacts WHERE email = :email)")
                .param("campaign", campaign)
                .param("me", ME)
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private long contact(long sendId) {
        return jdbc.sql("SELECT contact_id FROM email_sends WHERE id = :id")
                .param("id", sendId)
                .query(Long.class)
                .single();
    }
}
