package io.iabulk.dashboard.console.models;

import io.iabulk.intelligence.models.ModelMetrics;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One metric of a model next to the baseline's on the same validation sends, formatted.
 *
 * @param name what it is
 * @param hint how to read it
 * @param verdict {@code better}, {@code worse}, {@code same} or {@code none} (undefined)
 */
record MetricRow(String name, String hint, String model, String baseline, String difference, String verdict) {

    private record Metric(
            String name, String hint, Function<ModelMetrics, Double> value, boolean higherIsBetter, String unit) {}

    private static final List<Metric> METRICS = List.of(
            new Metric(
                    "ROC-AUC",
                    "Chance that an opener scores above a non-opener; 0.5 is chance, higher is better",
                    ModelMetrics::rocAuc,
                    true,
                    ""),
            new Metric("PR-AUC", "Average precision; higher is better", ModelMetrics::prAuc, true, ""),
            new Metric("Log-loss", "Penalty for confident mistakes; lower is better", ModelMetrics::logLoss, false, ""),
            new Metric(
                    "Brier score",
                    "Mean squared error of the probabilities; lower is better",
                    ModelMetrics::brier,
                    false,
                    ""),
            new Metric(
                    "Calibration error (ECE)",
                    "Gap between predicted and observed rates; lower is better",
                    ModelMetrics::ece,
                    false,
                    ""),
            new Metric(
                    "Lift at top 10 %",
                    "Open rate of the top tenth by score over the overall rate; higher is better",
                    ModelMetrics::liftAt10,
                    true,
                    "×"));

    /** The rows of a model's metrics against the baseline's (either may be null: every value "—"). */
    static List<MetricRow> of(ModelMetrics model, ModelMetrics baseline) {
        return METRICS.stream()
                .map(m -> {
                    Double a = model == null ? null : m.value().apply(model);
                    Double b = baseline == null ? null : m.value().apply(baseline);
                    String difference = "—";
                    String verdict = "none";
                    if (a != null && b != null) {
                        double d = a - b;
                        difference = (d > 0 ? "+" : d < 0 ? "−" : "±") + format(Math.abs(d), m.unit());
                        if (Math.abs(d) < 0.0005) {
                            verdict = "same";
                        } else {
                            verdict = (d > 0) == m.higherIsBetter() ? "better" : "worse";
                        }
                    }
                    return new MetricRow(
                            m.name(), m.hint(), format(a, m.unit()), format(b, m.unit()), difference, verdict);
                })
                .toList();
    }

    static String format(Double value, String unit) {
        return value == null ? "—" : String.format(Locale.ENGLISH, "%.3f", value) + unit;
    }
}
