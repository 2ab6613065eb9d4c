package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.delivery.internal.VariantCounts.Count;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The arithmetic of adaptive subject lines, without a database (ADR 0023). */
class VariantAllocationTest {

    private static RandomGenerator seeded(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @Test
    void theWarmupGoesToTheVariantWithFewestRowsThenSamplingStarts() {
        List<Count> counts = List.of(new Count(0, 4, 4, 4, 0), new Count(1, 2, 2, 0, 0), new Count(2, 3, 3, 0, 0));
        // audience 120, warm-up 12 of which 9 are assigned: the next three go to the fewest (lowest index on a tie)
        int[] chosen = VariantAssignments.allocate(counts, 120, 0.1, false, 3, seeded(1));
        assertThat(chosen).containsExactly(1, 1, 2);

        int[] sampled = VariantAssignments.allocate(
                List.of(new Count(0, 500, 500, 250, 0), new Count(1, 500, 500, 50, 0)),
                1_000,
                0.1,
                false,
                200,
                seeded(2));
        assertThat(Arrays.stream(sampled).filter(v -> v == 0).count())
                .as("50 %% against 10 %% opens: nearly every draw picks the first")
                .isGreaterThan(195);
    }

    @Test
    void theGoalDecidesWhichSuccessesCount() {
        List<Count> counts = List.of(new Count(0, 500, 500, 300, 5), new Count(1, 500, 500, 100, 100));
        int[] byOpens = VariantAssignments.allocate(counts, 1_000, 0, false, 100, seeded(3));
        int[] byClicks = VariantAssignments.allocate(counts, 1_000, 0, true, 100, seeded(3));
        assertThat(Arrays.stream(byOpens).filter(v -> v == 0).count()).isEqualTo(100);
        assertThat(Arrays.stream(byClicks).filter(v -> v == 1).count()).isEqualTo(100);
    }

    @Test
    void sameSeedSameDraws() {
        List<Count> counts =
                List.of(new Count(0, 50, 50, 10, 0), new Count(1, 50, 50, 12, 0), new Count(2, 50, 50, 9, 0));
        assertThat(VariantAssignments.allocate(counts, 1_000, 0, false, 50, seeded(9)))
                .containsExactly(VariantAssignments.allocate(counts, 1_000, 0, false, 50, seeded(9)));
    }

    @Test
    void probabilityBestSumsToOneAndFindsAClearlyBetterVariant() {
        double[] clear = BetaPosteriors.probabilityBest(new long[] {150, 200, 300}, new long[] {1_000, 1_000, 1_000});
        assertThat(Arrays.stream(clear).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(clear[2]).isGreaterThanOrEqualTo(0.99);

        double[] equal = BetaPosteriors.probabilityBest(new long[] {0, 0}, new long[] {0, 0});
        assertThat(equal[0]).as("no data: a coin toss").isCloseTo(0.5, within(0.02));
        assertThat(BetaPosteriors.probabilityBest(new long[] {20, 25}, new long[] {100, 100}))
                .as("a fixed seed: the same counts give the same figures")
                .containsExactly(BetaPosteriors.probabilityBest(new long[] {20, 25}, new long[] {100, 100}));
        double[] close = BetaPosteriors.probabilityBest(new long[] {20, 25}, new long[] {100, 100});
        assertThat(close[1]).as("close: uncertain").isBetween(0.6, 0.9);
    }

    @Test
    void betaDrawsHaveTheRightMean() {
        RandomGenerator random = seeded(5);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += BetaPosteriors.draw(30, 100, random);
        }
        // Beta(31, 71): mean 31 / 102
        assertThat(sum / 20_000).isCloseTo(31.0 / 102, within(0.003));
    }
}
