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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Held clicks judged by several instances at once (each its own judge, as after a restart or
 * with clicks of one send reaching different instances) are judged and counted once.
 */
class ConcurrentJudgesTest extends HttpTest {

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
    void fourJudgesAtOnceJudgeEachHeldClickOnce() throws Exception {
        long campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long send = send(campaign);
            sends.add(send);
            String link = links.clickUrl(send, i % 3, 3, true, "https://shop.test/" + (i % 3));
            assertThat(api.with("User-Agent", BROWSER)
                            .get(link.substring(link.indexOf("/t/c/")))
                            .status())
                    .isEqualTo(302);
        }
        assertThat(held(sends)).isEqualTo(30);

        CountDownLatch go = new CountDownLatch(1);
        Instant later = Instant.now().plusSeconds(10);
        List<Thread> judges = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            ClickJudgeWorker judge =
                    new ClickJudgeWorker(holds, humanClicks, analytics, transactions, properties, clock);
            judges.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                judge.runAt(later);
            }));
        }
        go.countDown();
        for (Thread judge : judges) {
            judge.join();
        }

        assertThat(held(sends)).isZero();
        assertThat(total(campaign, EventTypes.EMAIL_CLICK)).isEqualTo(30);
        assertThat(total(campaign, EventTypes.EMAIL_CLICKED)).isEqualTo(30);
        assertThat(total(campaign, EventTypes.EMAIL_OPENED)).isEqualTo(30);
        assertThat(jdbc.sql("SELECT SUM(clicks) FROM tracking_links WHERE campaign_id = :campaign")
                        .param("campaign", campaign)
                        .query(Long.class)
                        .single())
                .isEqualTo(30);
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
