package io.iabulk.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Rollup counts from many threads, flushed while they count, add up exactly at every granularity. */
@IntegrationTest
class RollupCountsTest {

    @Autowired
    AnalyticsService analytics;

    @Test
    void countsAddedWhileFlushesRunAreNeitherLostNorDoubled() throws Exception {
        long campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        Instant start = Instant.parse("2026-11-20T10:58:30Z");
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean counting = new AtomicBoolean(true);
        List<Thread> counters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counters.add(Thread.ofPlatform().start(() -> {
                await(go);
                for (int i = 0; i < perThread; i++) {
                    // spread over three minutes across an hour boundary
                    analytics.count(EventTypes.EMAIL_CLICK, 0, campaign, start.plusSeconds(i % 180), 1);
                    analytics.count(EventTypes.CONVERSION, 0, campaign, "EUR", start, 1, new BigDecimal("0.25"));
                }
            }));
        }
        Thread flusher = Thread.ofPlatform().start(() -> {
            await(go);
            while (counting.get()) {
                analytics.flush();
            }
        });
        go.countDown();
        for (Thread counter : counters) {
            counter.join();
        }
        counting.set(false);
        flusher.join();
        analytics.flush();

        long expected = (long) threads * perThread;
        Instant from = Instant.parse("2026-11-20T00:00:00Z");
        Instant to = Instant.parse("2026-11-21T00:00:00Z");
        for (Granularity granularity : Granularity.values()) {
            List<RollupBucket> clicks =
                    analytics.series(Set.of(EventTypes.EMAIL_CLICK), null, campaign, from, to, granularity);
            assertThat(clicks.stream().mapToLong(RollupBucket::count).sum())
                    .as("clicks at %s granularity", granularity)
                    .isEqualTo(expected);
        }
        assertThat(analytics.series(Set.of(EventTypes.EMAIL_CLICK), null, campaign, from, to, Granularity.HOUR))
                .extracting(RollupBucket::start)
                .containsExactly(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(analytics.totals(Set.of(EventTypes.CONVERSION), null, campaign))
                .singleElement()
                .satisfies(total -> {
                    assertThat(total.dimension()).isEqualTo("EUR");
                    assertThat(total.count()).isEqualTo(expected);
                    assertThat(total.value()).isEqualByComparingTo(new BigDecimal("10000.00"));
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
