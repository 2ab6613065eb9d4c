package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.Metrics;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One scorer's metrics on a model's validation examples, as the registry shows them: a metric that
 * is undefined there (no opened or no unopened example) is null rather than NaN.
 *
 * @param rocAuc ROC-AUC: the probability that an opened send scores above an unopened one (0.5 is chance)
 * @param prAuc PR-AUC (average precision): about the open rate for a random score, 1 at best
 * @param logLoss mean negative log-likelihood of the outcomes (lower is better)
 * @param brier mean squared error of the probabilities (lower is better)
 * @param ece expected calibration error over 10 equal-width bins of the probability (lower is better)
 * @param liftAt10 open rate of the top 10 % by score over the overall open rate
 * @param calibration per non-empty bin: mean predicted probability, observed rate, examples
 */
public record ModelMetrics(
        Double rocAuc, Double prAuc, Double logLoss, Double brier, Double ece, Double liftAt10, List<Bin> calibration) {

    /** One bin of the calibration table. */
    public record Bin(
            @Schema(description = "Mean predicted probability in the bin")
            Double predicted,

            @Schema(description = "Observed rate in the bin")
            Double observed,

            @Schema(description = "Examples in the bin") long count) {}

    static ModelMetrics of(Metrics.Report report) {
        return new ModelMetrics(
                finite(report.rocAuc()),
                finite(report.prAuc()),
                finite(report.logLoss()),
                finite(report.brier()),
                finite(report.ece()),
                finite(report.liftAt10()),
                report.calibration().stream()
                        .map(c -> new Bin(finite(c.predicted()), finite(c.observed()), c.count()))
                        .toList());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
