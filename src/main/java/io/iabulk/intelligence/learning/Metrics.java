package io.iabulk.intelligence.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of probabilities against observed outcomes (a validation set): ROC-AUC, PR-AUC,
 * log-loss, Brier score, expected calibration error, lift at 10 % and a calibration table. Every
 * method is O(n log n) or better and handles tied scores exactly; a metric that is undefined (no
 * positive or no negative) is {@code NaN}.
 */
public final class Metrics {

    /** Calibration and ECE use 10 equal-width bins of the predicted probability: [0, 0.1), …, [0.9, 1]. */
    public static final int BINS = 10;

    private static final double EPSILON = 1e-15;

    private Metrics() {}

    /** One bin of a calibration table: mean predicted probability, observed rate, examples. */
    public record Calibration(double predicted, double observed, long count) {}

    /** All the metrics of one score vector. */
    public record Report(
            double rocAuc,
            double prAuc,
            double logLoss,
            double brier,
            double ece,
            double liftAt10,
            List<Calibration> calibration) {}

    public static Report report(double[] predicted, boolean[] outcome) {
        return new Report(
                rocAuc(predicted, outcome),
                prAuc(predicted, outcome),
                logLoss(predicted, outcome),
                brier(predicted, outcome),
                ece(predicted, outcome),
                lift(predicted, outcome, 0.10),
                calibration(predicted, outcome));
    }

    /**
     * The probability that a random positive scores above a random negative, ties counting one half
     * (the Mann-Whitney statistic, from mid-ranks).
     */
    public static double rocAuc(double[] score, boolean[] outcome) {
        check(score, outcome.length);
        int[] order = ascending(score);
        double positiveRanks = 0;
        long positives = 0;
        int n = score.length;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && score[order[j]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0; // ranks i+1 … j share their mean
            for (int k = i; k < j; k++) {
                if (outcome[order[k]]) {
                    positiveRanks += midRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The area under the precision-recall curve as average precision: the sum over thresholds (from
     * the highest score down, tied scores forming one threshold) of the recall gained times the
     * precision at that threshold; no interpolation. A random score gives about the positive rate.
     */
    public static double prAuc(double[] score, boolean[] outcome) {
        check(score, outcome.length);
        long positives = 0;
        for (boolean y : outcome) {
            positives += y ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        int[] order = ascending(score);
        int n = score.length;
        double area = 0;
        long seen = 0;
        long truePositives = 0;
        for (int i = n - 1; i >= 0; ) {
            int j = i;
            long groupPositives = 0;
            while (j >= 0 && score[order[j]] == score[order[i]]) {
                groupPositives += outcome[order[j]] ? 1 : 0;
                j--;
            }
            seen += i - j;
            truePositives += groupPositives;
            area += (groupPositives / (double) positives) * (truePositives / (double) seen);
            i = j;
        }
        return area;
    }

    /** Mean negative log-likelihood (natural log), probabilities clipped to [1e-15, 1 - 1e-15]. */
    public static double logLoss(double[] predicted, boolean[] outcome) {
        check(predicted, outcome.length);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double q = clip(predicted[i]);
            sum -= outcome[i] ? Math.log(q) : Math.log(1 - q);
        }
        return sum / predicted.length;
    }

    /** Mean squared difference between the probability and the outcome (0 or 1). */
    public static double brier(double[] predicted, boolean[] outcome) {
        check(predicted, outcome.length);
        double sum = 0;
        for (int i = 0; i < predicted.length; i++) {
            double d = predicted[i] - (outcome[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / predicted.length;
    }

    /**
     * Expected calibration error: over 10 equal-width bins of the predicted probability, the
     * example-weighted mean of |mean predicted − observed rate|.
     */
    public static double ece(double[] predicted, boolean[] outcome) {
        return Bins.of(predicted, outcome01(outcome)).error();
    }

    /** The calibration table: one row per non-empty bin of 10 equal-width bins. */
    public static List<Calibration> calibration(double[] predicted, boolean[] outcome) {
        return Bins.of(predicted, outcome01(outcome)).table();
    }

    /**
     * The positive rate among the top {@code fraction} of examples by score, divided by the overall
     * positive rate. The top is exactly {@code fraction × n} examples: a tie group straddling the
     * cut counts in proportion (its mean rate), so the order of tied examples does not matter.
     */
    public static double lift(double[] score, boolean[] outcome, double fraction) {
        double[] values = outcome01(outcome);
        return Bins.topShare(score, values, fraction) / mean(values);
    }

    public static double[] outcome01(boolean[] outcome) {
        double[] values = new double[outcome.length];
        for (int i = 0; i < outcome.length; i++) {
            values[i] = outcome[i] ? 1 : 0;
        }
        return values;
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Indexes sorted by ascending score. */
    public static int[] ascending(double[] score) {
        return java.util.stream.IntStream.range(0, score.length)
                .boxed()
                .sorted((a, b) -> Double.compare(score[a], score[b]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    public static void check(int scores, int outcomes) {
        if (scores != outcomes) {
            throw new IllegalArgumentException(scores + " scores for " + outcomes + " outcomes");
        }
        if (scores == 0) {
            throw new IllegalArgumentException("no examples");
        }
    }

    /**
     * As {@link #check(int, int)}, and every score a number: a NaN compares unequal to itself, so
     * the tie groups of the rank statistics would never close (a model that predicts NaN is a
     * defect to report, not a figure to compute).
     */
    public static void check(double[] scores, int outcomes) {
        check(scores.length, outcomes);
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " of " + scores.length + " is NaN");
            }
        }
    }

    private static double clip(double q) {
        return Math.min(1 - EPSILON, Math.max(EPSILON, q));
    }

    /**
     * Equal-width bins of a predicted probability with the mean of a target per bin: the observed
     * outcome (0/1) for {@link Metrics}, the true probability for {@link ExpectedMetrics}.
     */
    public record Bins(long[] count, double[] predictedSum, double[] targetSum, long total) {

        public static Bins of(double[] predicted, double[] target) {
            check(predicted, target.length);
            long[] count = new long[BINS];
            double[] predictedSum = new double[BINS];
            double[] targetSum = new double[BINS];
            for (int i = 0; i < predicted.length; i++) {
                int bin = Math.min(BINS - 1, Math.max(0, (int) Math.floor(predicted[i] * BINS)));
                count[bin]++;
                predictedSum[bin] += predicted[i];
                targetSum[bin] += target[i];
            }
            return new Bins(count, predictedSum, targetSum, predicted.length);
        }

        public double error() {
            double error = 0;
            for (int b = 0; b < BINS; b++) {
                if (count[b] > 0) {
                    error += Math.abs(predictedSum[b] - targetSum[b]) / total;
                }
            }
            return error;
        }

        public List<Calibration> table() {
            List<Calibration> rows = new ArrayList<>();
            for (int b = 0; b < BINS; b++) {
                if (count[b] > 0) {
                    rows.add(new Calibration(predictedSum[b] / count[b], targetSum[b] / count[b], count[b]));
                }
            }
            return rows;
        }

        /** The mean target among the top {@code fraction} by score, a straddling tie group pro rata. */
        public static double topShare(double[] score, double[] target, double fraction) {
            check(score, target.length);
            int[] order = ascending(score);
            double wanted = fraction * score.length;
            double taken = 0;
            double sum = 0;
            for (int i = score.length - 1; i >= 0 && taken < wanted; ) {
                int j = i;
                double groupSum = 0;
                while (j >= 0 && score[order[j]] == score[order[i]]) {
                    groupSum += target[order[j]];
                    j--;
                }
                int size = i - j;
                double share = Math.min(1, (wanted - taken) / size);
                sum += groupSum * share;
                taken += size * share;
                i = j;
            }
            return sum / wanted;
        }
    }
}
