package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.TrackingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The click judge on PostgreSQL: held clicks judged by several instances at once (each its own
 * judge, as after a restart or with clicks of one send reaching different instances) are judged
 * and counted once; a backlog larger than a batch is taken batch by batch, oldest first, each click
 * once; and the held-click table, a queue whose rows live seconds, is vacuumed every {@code
 * holds-vacuum-interval}.
 */
class ClickJudgeWorkerTest extends HttpTest {

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

        ClickJudgeWorker judge = judge(properties.hits().holdsVacuumInterval(), 3);
        Instant later = Instant.now().plusSeconds(10);
        int first = judge.runAt(later);
        assertThat(first)
                .as("every held click of the sends of the three oldest due clicks (two or three sends)")
                .isBetween(4, 6);
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

    @Test
    void vacuumReclaimsReleasedHolds() {
        List<HeldClick> clicks = new ArrayList<>();
        Instant at = Instant.now();
        for (int i = 0; i < 200; i++) {
            clicks.add(new HeldClick(
                    UUID.randomUUID().toString(), 9_000_000_000L + i, null, 0, 2, "https://shop.test/", at, null));
        }
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> holds.hold(clicks));
        tx.executeWithoutResult(status -> holds.release(clicks));
        long before = vacuumCount();

        assertThat(holds.vacuum()).isTrue();

        assertThat(vacuumCount()).isGreaterThan(before);
    }

    @Test
    void theJudgeVacuumsEveryInterval() throws InterruptedException {
        ClickJudgeWorker every100ms =
                judge(Duration.ofMillis(100), properties.hits().judgeBatch());
        long before = vacuumCount();
        every100ms.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (vacuumCount() <= before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            every100ms.stop();
        }
        assertThat(vacuumCount()).isGreaterThan(before);
    }

    private long send(long campaign) {
        return CampaignTestData.sentRow(jdbc, campaign, Instant.now().minusSeconds(3600));
    }

    private ClickJudgeWorker judge(Duration vacuumInterval, int batch) {
        TrackingProperties.Hits hits = properties.hits();
        TrackingProperties changed = new TrackingProperties(
                properties.secret(),
                properties.machine(),
                new TrackingProperties.Hits(
                        hits.maxWait(),
                        hits.maxBatch(),
                        hits.writers(),
                        hits.capacity(),
                        Duration.ofMillis(20),
                        hits.judgeGrace(),
                        batch,
                        vacuumInterval));
        return new ClickJudgeWorker(holds, humanClicks, analytics, transactions, changed, clock);
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
    /** Vacuums of the table the service uses (other schemas of the test database have one too); each query is its own transaction, so the statistics are fresh. */
    private long vacuumCount() {
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE relid = 'tracking_click_holds'::regclass")
                .query(Long.class)
                .single();
    }
}
