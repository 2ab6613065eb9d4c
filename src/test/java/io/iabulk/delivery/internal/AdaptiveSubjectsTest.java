package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.delivery.AdaptiveVariants;
import io.iabulk.delivery.AdaptiveVariants.Goal;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.delivery.VariantFigures;
import io.iabulk.delivery.internal.SendResult.ClaimRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Adaptive subject lines on PostgreSQL (ADR 0023): variants chosen at the claim, an even warm-up,
 * Thompson sampling on human opens counted per variant, and split campaigns as before.
 */
class AdaptiveSubjectsTest extends DeliveryTestSupport {

    @Autowired
    JdbcSendResults results;

    @Autowired
    VariantAssignments assignments;

    @Autowired
    VariantCounts variantCounts;

    private long snapshot(long campaign, Contacts contacts, int variants) {
        long after = 0;
        while (true) {
            SnapshotChunk chunk = delivery.snapshot(campaign, contacts.audience(), variants, after, 500);
            after = chunk.lastContactId();
            if (chunk.done()) {
                return campaign;
            }
        }
    }

    /** Claims {@code n} rows, records them sent and lets each recipient open with its variant's rate. */
    private List<QueuedSend> sendAndOpen(long campaign, int n, double[] openRates, SplittableRandom people) {
        Instant now = Instant.now();
        List<QueuedSend> claimed = queue.claim(campaign, n, "adaptive-test", now.plusSeconds(60), now);
        results.write(
                claimed.stream()
                        .map(send -> SendResult.sent(ClaimRef.of(send), null))
                        .toList(),
                "adaptive-test",
                now);
        Map<Long, Instant> opened = new HashMap<>();
        for (QueuedSend send : claimed) {
            if (people.nextDouble() < openRates[send.variant()]) {
                opened.put(send.sendId(), now);
            }
        }
        delivery.markOpened(opened);
        return claimed;
    }

    @Test
    void splitsTheWarmupEvenlyThenConvergesOnAClearlyBetterSubject() {
        Contacts contacts = contacts(1_500);
        long campaign = newCampaign();
        delivery.activate(campaign, 60, new AdaptiveVariants(3, Goal.OPEN));
        snapshot(campaign, contacts, 3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND variant IS NULL")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .as("an adaptive campaign's rows have no variant until claimed")
                .isEqualTo(1_500);
        assignments.reseed(7);
        double[] openRates = {0.10, 0.12, 0.45};
        SplittableRandom people = new SplittableRandom(11);

        List<QueuedSend> all = new ArrayList<>();
        while (all.size() < 150) {
            all.addAll(sendAndOpen(campaign, 15, openRates, people));
        }
        long[] warmup = new long[3];
        all.forEach(send -> warmup[send.variant()]++);
        assertThat(warmup).as("the first 10 %% of 1,500, split evenly").containsExactly(50, 50, 50);

        List<QueuedSend> sampled = new ArrayList<>();
        while (true) {
            List<QueuedSend> batch = sendAndOpen(campaign, 15, openRates, people);
            if (batch.isEmpty()) {
                break;
            }
            sampled.addAll(batch);
        }
        assertThat(sampled).hasSize(1_350);
        long best = sampled.stream().filter(send -> send.variant() == 2).count();
        assertThat(best)
                .as("after the warm-up most messages carry the clearly better subject")
                .isGreaterThan(1_350 * 8 / 10);
        long lastThird = sampled.subList(900, 1_350).stream()
                .filter(send -> send.variant() == 2)
                .count();
        assertThat(lastThird).as("and ever more of them").isGreaterThan(450 * 9 / 10);

        List<VariantFigures> figures = delivery.variantFigures(campaign, 3, Goal.OPEN);
        assertThat(figures.stream().mapToLong(VariantFigures::sent).sum()).isEqualTo(1_500);
        assertThat(figures.stream().mapToDouble(VariantFigures::probabilityBest).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(figures.get(2).probabilityBest()).isGreaterThanOrEqualTo(0.95);
        long opened = jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND opened_at IS NOT NULL")
                .param("c", campaign)
                .query(Long.class)
                .single();
        assertThat(figures.stream().mapToLong(VariantFigures::humanOpens).sum())
                .as("the counters equal the rows")
                .isEqualTo(opened);
        assertThat(figures.get(2).openRate()).isCloseTo(0.45, within(0.06));
    }

    @Test
    void concurrentClaimsAssignEachRowOnceAndKeepTheWarmupEven() throws Exception {
        Contacts contacts = contacts(600);
        long campaign = newCampaign();
        delivery.activate(campaign, 60, new AdaptiveVariants(2, Goal.CLICK));
        snapshot(campaign, contacts, 2);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<QueuedSend>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String me = "w" + i;
                claims.add(pool.submit(() -> {
                    List<QueuedSend> mine = new ArrayList<>();
                    for (int j = 0; j < 5; j++) {
                        Instant now = Instant.now();
                        mine.addAll(queue.claim(campaign, 3, me, now.plusSeconds(60), now));
                    }
                    return mine;
                }));
            }
            long[] perVariant = new long[2];
            for (Future<List<QueuedSend>> claim : claims) {
                claim.get().forEach(send -> perVariant[send.variant()]++);
            }
            assertThat(perVariant).as("60 rows, all inside the warm-up of 60").containsExactly(30, 30);
        } finally {
            pool.shutdown();
        }
        assertThat(variantCounts.of(campaign, 2))
                .extracting(VariantCounts.Count::assigned)
                .containsExactly(30L, 30L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND variant IS NOT NULL")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isEqualTo(60);
    }

    @Test
    void splitCampaignsKeepTheVariantOfTheSnapshotAndAreReportedToo() {
        Contacts contacts = contacts(300);
        long campaign = newCampaign();
        snapshot(campaign, contacts, 3);
        delivery.activate(campaign, null);
        double[] openRates = {0.05, 0.05, 0.6};
        SplittableRandom people = new SplittableRandom(3);
        List<QueuedSend> all = new ArrayList<>();
        while (true) {
            List<QueuedSend> batch = sendAndOpen(campaign, 50, openRates, people);
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        assertThat(all).hasSize(300).allMatch(send -> send.variant() == Math.floorMod(send.contactId(), 3));
        List<VariantFigures> figures = delivery.variantFigures(campaign, 3, Goal.OPEN);
        assertThat(figures).extracting(VariantFigures::sent).containsExactly(100L, 100L, 100L);
        assertThat(figures).extracting(VariantFigures::humanClicks).containsOnly(0L);
        assertThat(figures.stream().mapToDouble(VariantFigures::probabilityBest).sum())
                .isCloseTo(1.0, within(1e-9));
        assertThat(figures.get(2).probabilityBest()).isGreaterThanOrEqualTo(0.95);
        assertThat(variantCounts.of(campaign, 3))
                .as("split rows are assigned at the snapshot, not counted as claimed")
                .extracting(VariantCounts.Count::assigned)
                .containsOnly(0L);
    }
}
