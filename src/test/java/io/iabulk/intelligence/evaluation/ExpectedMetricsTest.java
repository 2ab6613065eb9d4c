package io.iabulk.intelligence.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.intelligence.learning.Metrics;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpectedMetricsTest {

    @Test
    void expectedAucOfTwoPeopleIsTheShareOfRightlyOrderedPairMass() {
        // right order: p0 (1 − p1) = .9 × .8 = .72; wrong order: p1 (1 − p0) = .2 × .1 = .02
        double[] truth = {0.9, 0.2};

        assertThat(ExpectedMetrics.auc(new double[] {1, 0}, truth)).isCloseTo(0.72 / 0.74, within(1e-12));
        assertThat(ExpectedMetrics.auc(new double[] {0, 1}, truth)).isCloseTo(0.02 / 0.74, within(1e-12));
        assertThat(ExpectedMetrics.auc(new double[] {0.5, 0.5}, truth)).isCloseTo(0.5, within(1e-12));
        assertThat(ExpectedMetrics.bayesAuc(truth)).isCloseTo(0.72 / 0.74, within(1e-12));
    }

    @Test
    void expectedAucOfThreePeopleByHand() {
        // p = (.5, .1, .8), scores rank 1 < 0 < 2 except 0 and 2 tie:
        // ordered pairs (i above j): (0,1) .5×.9=.45, (2,1) .8×.9=.72, tie (0,2) ½(.5×.2 + .8×.5)=.25
        // all pairs i≠j: .45+.5×.2 + .1×.5+.1×.2 + .8×.5+.8×.9 = .45+.1+.05+.02+.4+.72 = 1.74
        double[] truth = {0.5, 0.1, 0.8};
        double[] score = {0.7, 0.2, 0.7};

        assertThat(ExpectedMetrics.auc(score, truth)).isCloseTo((0.45 + 0.72 + 0.25) / 1.74, within(1e-12));
    }

    @Test
    void matchesTheQuadraticDefinitionWithTies() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 300;
        double[] truth = new double[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextDouble();
            score[i] = Math.round(random.nextDouble() * 20) / 20.0; // many ties
        }
        double ordered = 0;
        double pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double w = truth[i] * (1 - truth[j]);
                    pairs += w;
                    ordered += score[i] > score[j] ? w : score[i] == score[j] ? w / 2 : 0;
                }
            }
        }

        assertThat(ExpectedMetrics.auc(score, truth)).isCloseTo(ordered / pairs, within(1e-12));
    }

    @Test
    void noScoreBeatsTheTruthAndNoiseCostsAuc() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 5000;
        double[] truth = new double[n];
        double[] noisy = new double[n];
        for (int i = 0; i < n; i++) {
            double logit = -1.5 + 1.3 * random.nextGaussian();
            truth[i] = 1 / (1 + Math.exp(-logit));
            noisy[i] = logit + random.nextGaussian();
        }
        double bayes = ExpectedMetrics.bayesAuc(truth);

        assertThat(ExpectedMetrics.auc(noisy, truth)).isLessThan(bayes);
        assertThat(ExpectedMetrics.auc(new double[n], truth)).isCloseTo(0.5, within(1e-12));
        assertThat(bayes).isBetween(0.7, 0.9);
    }

    @Test
    void theSampledAucAveragesToTheExpectedOne() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 2000;
        double[] truth = new double[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            double logit = -1.2 + 1.2 * random.nextGaussian();
            truth[i] = 1 / (1 + Math.exp(-logit));
            score[i] = logit + 0.8 * random.nextGaussian();
        }
        double sum = 0;
        int draws = 200;
        for (int d = 0; d < draws; d++) {
            boolean[] outcome = new boolean[n];
            for (int i = 0; i < n; i++) {
                outcome[i] = random.nextDouble() < truth[i];
            }
            sum += Metrics.rocAuc(score, outcome);
        }

        assertThat(sum / draws).isCloseTo(ExpectedMetrics.auc(score, truth), within(0.003));
    }

    @Test
    void expectedEceComparesEachBinWithItsMeanTrueProbability() {
        // bin [.1, .2): predicted .15 and .15 vs true .05 and .25 → 0; bin [.6, .7): .6 vs .4 → .2 × ⅓
        double[] predicted = {0.15, 0.15, 0.6};
        double[] truth = {0.05, 0.25, 0.4};

        assertThat(ExpectedMetrics.ece(predicted, truth)).isCloseTo(0.2 / 3, within(1e-12));
        assertThat(ExpectedMetrics.ece(truth, truth)).isZero();
        assertThat(ExpectedMetrics.calibration(predicted, truth).getFirst().observed())
                .isCloseTo(0.15, within(1e-12));
    }

    @Test
    void expectedLogLossAndBrierByHand() {
        double[] predicted = {0.8, 0.4};
        double[] truth = {0.6, 0.4};

        assertThat(ExpectedMetrics.logLoss(predicted, truth))
                .isCloseTo(
                        -((0.6 * Math.log(0.8) + 0.4 * Math.log(0.2)) + (0.4 * Math.log(0.4) + 0.6 * Math.log(0.6)))
                                / 2,
                        within(1e-12));
        // ((.2² + .24) + (0 + .24)) / 2
        assertThat(ExpectedMetrics.brier(predicted, truth)).isCloseTo((0.04 + 0.24 + 0.24) / 2, within(1e-12));
    }

    @Test
    void expectedLiftIsTheTopDecilesMeanTruthOverTheMean() {
        double[] score = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        double[] truth = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0, 0.0, 0.0, 0.0};

        assertThat(ExpectedMetrics.lift(score, truth, 0.10)).isCloseTo(0.5 / 0.1, within(1e-12));
    }
}
