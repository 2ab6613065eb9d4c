package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.intelligence.learning.Metrics.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MetricsTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void rocAucCountsOrderedPairs() {
        // pairs (positive, negative): 0.35 > 0.1, 0.35 < 0.4, 0.8 > 0.1, 0.8 > 0.4 → 3 of 4
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}))
                .isEqualTo(0.75);
    }

    @Test
    void rocAucCountsTiesAsOneHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.5}: 0.9 beats both (2), 0.5 ties both (2 × ½)
        assertThat(Metrics.rocAuc(new double[] {0.5, 0.5, 0.5, 0.9}, new boolean[] {F, T, F, T}))
                .isEqualTo(0.75);
        assertThat(Metrics.rocAuc(new double[] {0.3, 0.3, 0.3}, new boolean[] {F, T, F}))
                .isEqualTo(0.5);
    }

    @Test
    void rocAucIsUndefinedWithoutBothClasses() {
        assertThat(Metrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {T, T}))
                .isNaN();
    }

    @Test
    @Timeout(10)
    void aNaNScoreIsRefusedInsteadOfLoopingForever() {
        // NaN != NaN: the tie groups of the rank statistics never closed, and training hung
        double[] scores = {0.1, Double.NaN, 0.4};
        boolean[] outcomes = {F, T, T};
        assertThatThrownBy(() -> Metrics.rocAuc(scores, outcomes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Metrics.report(scores, outcomes)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metrics.Bins.topShare(scores, new double[] {0, 1, 1}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prAucIsAveragePrecision() {
        // from the top: 0.8 (+) precision 1, recall ½; 0.4 (−); 0.35 (+) precision 2/3, recall 1
        // AP = ½ × 1 + ½ × 2/3 = 5/6
        assertThat(Metrics.prAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}))
                .isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void prAucTreatsATieGroupAsOneThreshold() {
        // one threshold holds everything: recall 1 at precision 1/2, whatever the order within
        assertThat(Metrics.prAuc(new double[] {0.5, 0.5}, new boolean[] {T, F})).isEqualTo(0.5);
        assertThat(Metrics.prAuc(new double[] {0.5, 0.5}, new boolean[] {F, T})).isEqualTo(0.5);
    }

    @Test
    void logLossIsTheMeanNegativeLogLikelihood() {
        assertThat(Metrics.logLoss(new double[] {0.8, 0.4}, new boolean[] {T, F}))
                .isCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, within(1e-12));
        // a certain and wrong prediction is clipped, not infinite
        assertThat(Metrics.logLoss(new double[] {0.0}, new boolean[] {T})).isCloseTo(-Math.log(1e-15), within(1e-9));
    }

    @Test
    void brierIsTheMeanSquaredError() {
        assertThat(Metrics.brier(new double[] {0.8, 0.4}, new boolean[] {T, F})).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void eceWeighsEachEqualWidthBinByItsExamples() {
        // bins [0, .1): .05 vs 0 → .05 × ¼; [.1, .2): .15 vs ½ → .35 × ½; [.9, 1]: .95 vs 1 → .05 × ¼
        double[] predicted = {0.05, 0.15, 0.15, 0.95};
        boolean[] outcome = {F, T, F, T};

        assertThat(Metrics.ece(predicted, outcome)).isCloseTo(0.2, within(1e-12));
        assertThat(Metrics.calibration(predicted, outcome))
                .usingRecursiveFieldByFieldElementComparatorOnFields("count")
                .containsExactly(
                        new Calibration(0.05, 0, 1), new Calibration(0.15, 0.5, 2), new Calibration(0.95, 1, 1));
        assertThat(Metrics.calibration(predicted, outcome).get(1).observed()).isEqualTo(0.5);
    }

    @Test
    void probabilityOneFallsInTheLastBin() {
        assertThat(Metrics.calibration(new double[] {1.0, 0.9}, new boolean[] {T, T}))
                .singleElement()
                .extracting(Calibration::count)
                .isEqualTo(2L);
    }

    @Test
    void liftAt10ComparesTheTopDecileWithTheBaseRate() {
        // 10 examples, 3 positives: the top one (0.99) is positive → (1 / 1) / 0.3
        double[] score = {0.99, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.02};
        boolean[] outcome = {T, T, F, F, F, T, F, F, F, F};

        assertThat(Metrics.lift(score, outcome, 0.10)).isCloseTo(1 / 0.3, within(1e-12));
    }

    @Test
    void liftCountsATieGroupAtTheCutInProportion() {
        // the top 10 % of 10 is one example, from a tie group of two with one positive: ½ / 0.2
        double[] score = {0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1};
        boolean[] outcome = {T, F, F, F, F, F, F, F, T, F};

        assertThat(Metrics.lift(score, outcome, 0.10)).isCloseTo(0.5 / 0.2, within(1e-12));
    }

    @Test
    void aReportHoldsEveryMetric() {
        Metrics.Report report = Metrics.report(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T});

        assertThat(report.rocAuc()).isEqualTo(0.75);
        assertThat(report.prAuc()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(report.calibration()).hasSize(4);
    }
}
