package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.Metrics;
import java.util.Locale;

/**
 * Whether a newly trained model becomes ACTIVE (docs/decisions/0019, "Registry, training runs and
 * activation"): only when, on its own validation examples and for the open target, its log-loss is
 * not higher and its ROC-AUC not lower than the baseline's and, when a model is active, than the
 * active model's on the same examples. Otherwise it stays CANDIDATE, for a deliberate activation.
 */
final class ActivationRule {

    private ActivationRule() {}

    /** The decision and its reason, as the model's provenance shows it. */
    record Decision(boolean activate, String reason) {}

    /**
     * @param activeId the model active when the run started, or null
     * @param activeEvaluated whether the trainer was given that model (it was readable), so that
     *     {@code outcome.active()} holds its metrics
     */
    static Decision decide(Outcome outcome, Long activeId, boolean activeEvaluated) {
        Metrics.Report model = outcome.metrics().open();
        Metrics.Report baseline = outcome.baseline().open();
        if (!Double.isFinite(model.logLoss()) || !Double.isFinite(model.rocAuc())) {
            return new Decision(
                    false,
                    "its validation metrics are undefined (the validation sends hold no open or no unopened send)");
        }
        String versusBaseline = compare(model, baseline, "the baseline");
        if (versusBaseline != null) {
            return new Decision(false, versusBaseline);
        }
        if (activeId == null) {
            return new Decision(true, "no model was active and it beats the baseline on its validation sends");
        }
        if (!activeEvaluated || outcome.active() == null) {
            return new Decision(
                    true,
                    "the active model " + activeId
                            + " could not be read to be measured, and this one beats the baseline on its validation sends");
        }
        String versusActive = compare(model, outcome.active().open(), "the active model " + activeId);
        if (versusActive != null) {
            return new Decision(false, versusActive);
        }
        return new Decision(
                true,
                "on its validation sends it is not worse than the active model " + activeId + " nor the baseline");
    }

    /** Why the model is worse than the other scorer on the same examples, or null when it is not. */
    private static String compare(Metrics.Report model, Metrics.Report other, String name) {
        boolean logLossWorse = !(model.logLoss() <= other.logLoss());
        boolean aucWorse = !(model.rocAuc() >= other.rocAuc());
        if (Double.isNaN(other.logLoss()) || Double.isNaN(other.rocAuc())) {
            // the other scorer's metric is undefined on these examples: nothing to be worse than
            logLossWorse = logLossWorse && !Double.isNaN(other.logLoss());
            aucWorse = aucWorse && !Double.isNaN(other.rocAuc());
        }
        if (!logLossWorse && !aucWorse) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "it is worse than %s on its validation sends: log-loss %.5f against %.5f, ROC-AUC %.4f against %.4f",
                name,
                model.logLoss(),
                other.logLoss(),
                model.rocAuc(),
                other.rocAuc());
    }
}
