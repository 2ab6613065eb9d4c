package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The held-click table churns (every row is deleted seconds after its insert), so the judge
 * vacuums it itself on PostgreSQL, every {@code holds-vacuum-interval}; zero turns that off.
 */
class HoldsVacuumTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcClickHolds holds;

    @Autowired
    HumanClicks humanClicks;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TrackingProperties properties;

    @Autowired
    Clock clock;

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
        ClickJudgeWorker every100ms = judge(Duration.ofMillis(100));
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

    private ClickJudgeWorker judge(Duration vacuumInterval) {
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
                        hits.judgeBatch(),
                        vacuumInterval));
        return new ClickJudgeWorker(holds, humanClicks, analytics, transactions, changed, clock);
    }

    /** Vacuums of the table the service uses (other schemas of the test database have one too); each query is its own transaction, so the statistics are fresh. */
    private long vacuumCount() {
        return jdbc.sql("SELECT vacuum_count FROM pg_stat_user_tables WHERE relid = 'tracking_click_holds'::regclass")
                .query(Long.class)
                .single();
    }
}
