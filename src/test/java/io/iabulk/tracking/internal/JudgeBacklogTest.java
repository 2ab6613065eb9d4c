package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.TrackingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A judge behind by more than one batch takes the oldest due clicks a batch at a time, each with
 * every held click of its sends, until none is left: every click judged once, none skipped.
 */
class JudgeBacklogTest extends HttpTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingLinks links;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    JdbcClickHolds holds;

    @Autowired
    HumanClicks humanClicks;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TrackingProperties properties;

    @Autowired
    Clock clock;

    @Test
    void aBacklogIsJudgedBatchByBatchWithEachClickOnce() {
        long campaign = ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L);
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long send = send(campaign);
            sends.add(send);
            for (int link = 0; link < 2; link++) { // two of the message's three links: no burst
                String url = links.clickUrl(send, link, 3, true, "https://shop.test/" + link);
                assertThat(api.with("User-Agent", BROWSER)
                                .get(url.substring(url.indexOf("/t/c/")))
                                .status())
                        .isEqualTo(302);
            }
        }
        assertThat(held(sends)).isEqualTo(20);

        ClickJudgeWorker judge =
                new ClickJudgeWorker(holds, humanClicks, analytics, transactions, withJudgeBatch(3), clock);
        Instant later = Instant.now().plusSeconds(10);
        int first = judge.runAt(later);
        assertThat(first).as("three due clicks name at most three sends").isBetween(2, 6);
        int batches = 1;
        while (judge.runAt(later) > 0) {
            batches++;
        }

        assertThat(held(sends)).isZero();
        assertThat(batches).isBetween(4, 10);
        assertThat(total(campaign, EventTypes.EMAIL_CLICK)).isEqualTo(20);
        assertThat(total(campaign, EventTypes.EMAIL_CLICKED)).isEqualTo(10);
        assertThat(jdbc.sql("SELECT count(*) FROM tracking_link_clicks WHERE send_id = ANY(:sends)")
                        .param("sends", sends.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(20);
    }

    private TrackingProperties withJudgeBatch(int batch) {
        TrackingProperties.Hits hits = properties.hits();
        return new TrackingProperties(
                properties.secret(),
                properties.machine(),
                new TrackingProperties.Hits(
                        hits.maxWait(),
                        hits.maxBatch(),
                        hits.writers(),
                        hits.capacity(),
                        hits.judgeInterval(),
                        hits.judgeGrace(),
                        batch,
                        hits.holdsVacuumInterval()));
    }

    private long send(long campaign) {
        String email = ContestTestData.email("judges");
        long contact = jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:email, :email, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        RETURNING id
                        """).param("email", email).query(Long.class).single();
        Timestamp sent = Timestamp.from(Instant.now().minusSeconds(3600));
        return jdbc.sql("""
                        INSERT INTO email_sends (campaign_id, contact_id, status, next_attempt_at, created_at, sent_at)
                        VALUES (:campaign, :contact, 'SENT', :sent, :sent, :sent)
                        RETURNING id
                        """)
                .param("campaign", campaign)
                .param("contact", contact)
                .param("sent", sent)
                .query(Long.class)
                .single();
    }

    private long held(List<Long> sends) {
        return jdbc.sql("SELECT count(*) FROM tracking_click_holds WHERE send_id = ANY(:sends)")
                .param("sends", sends.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private long total(long campaign, String type) {
        analytics.flush();
        return analytics.totals(Set.of(type), null, campaign).stream()
                .mapToLong(RollupTotal::count)
                .sum();
    }
}
