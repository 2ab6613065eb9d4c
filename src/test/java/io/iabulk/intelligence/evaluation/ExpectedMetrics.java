package io.iabulk.intelligence.evaluation;

import io.iabulk.intelligence.learning.Metrics;
import io.iabulk.intelligence.learning.Metrics.Bins;
import io.iabulk.intelligence.learning.Metrics.Calibration;
import java.util.List;

/**
 * Metrics against the true probabilities of a simulated send instead of sampled outcomes: what a
 * score would measure on average over every possible draw of the outcomes, without sampling noise.
 * Each person i opens with the true probability p_i, independently.
 */
public final class ExpectedMetrics {

    private ExpectedMetrics() {}

    /**
     * The expected ROC-AUC of a score against true probabilities, as the ratio of expected counts:
     * E[AUC] = Σ_{i≠j} p_i (1 − p_j) ([s_i > s_j] + ½ [s_i = s_j]) / Σ_{i≠j} p_i (1 − p_j). The
     * numerator is the expected number of (positive, negative) pairs in the right order, the
     * denominator the expected number of such pairs. Computed in O(n log n): sorted by score, each
     * tie group is compared with the negative mass below it, and with itself for one half.
     */
    public static double auc(double[] score, double[] truth) {
        Metrics.check(score.length, truth.length);
        int[] order = Metrics.ascending(score);
        int n = score.length;
        double ordered = 0;
        double negativeBelow = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            double positive = 0;
            double negative = 0;
            double self = 0;
            while (j < n && score[order[j]] == score[order[i]]) {
                double p = truth[order[j]];
                positive += p;
                negative += 1 - p;
                self += p * (1 - p);
                j++;
            }
            ordered += positive * negativeBelow + 0.5 * (positive * negative - self);
            negativeBelow += negative;
            i = j;
        }
        double positives = 0;
        double self = 0;
        for (double p : truth) {
            positives += p;
            self += p * (1 - p);
        }
        double pairs = positives * (n - positives) - self;
        return pairs <= 0 ? Double.NaN : ordered / pairs;
    }

    /**
     * The Bayes-optimal expected ROC-AUC: ranking by the true probabilities themselves. No score
     * can do better, since for every pair ranking i above j gains p_i (1 − p_j) and the other order
     * p_j (1 − p_i), the larger exactly when p_i > p_j.
     */
    public static double bayesAuc(double[] truth) {
        return auc(truth, truth);
    }

    /**
     * Expected calibration error against the truth: over the same 10 equal-width bins of the
     * predicted probability as {@link Metrics#ece}, the weighted mean of |mean predicted − mean
     * true probability|. It is what the sampled ECE tends to when the outcomes are many, without
     * the noise that makes a perfectly calibrated model show a sampled ECE above 0.
     */
    public static double ece(double[] predicted, double[] truth) {
        return Bins.of(predicted, truth).error();
    }

    /** The calibration table with the mean true probability per bin in place of the observed rate. */
    public static List<Calibration> calibration(double[] predicted, double[] truth) {
        return Bins.of(predicted, truth).table();
    }

    /** E[log-loss] = −mean(p log q + (1 − p) log(1 − q)), q clipped as in {@link Metrics#logLoss}. */
    public static double logLoss(double[] predicted, double[] truth) {
        Metrics.check(predicted.length, truth.length);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double q = Math.min(1 - 1e-15, Math.max(1e-15, predicted[i]));
            sum -= truth[i] * Math.log(q) + (1 - truth[i]) * Math.log(1 - q);
        }
        return sum / predicted.length;
    }

    /** E[Brier] = mean((q − p)² + p (1 − p)): the distance to the truth plus the irreducible noise. */
    public static double brier(double[] predicted, double[] truth) {
        Metrics.check(predicted.length, truth.length);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - truth[i];
            sum += d * d + truth[i] * (1 - truth[i]);
        }
        return sum / predicted.length;
    }

    /** Expected lift at {@code fraction}: mean true probability of the top by score over the mean. */
    public static double lift(double[] score, double[] truth, double fraction) {
        return Bins.topShare(score, truth, fraction) / Metrics.mean(truth);
    }
}
