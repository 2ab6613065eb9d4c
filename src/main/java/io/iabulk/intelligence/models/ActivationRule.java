package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.Metrics;
import java.util.Locale;

/**
 * Whether a newly trained model becomes ACTIVE (docs/decisions/0019, "Registry, training runs and
 * activation"): only when, on its own validation examples and for the open target, its log-loss is
 * not higher and its ROC-AUC not lower than the baseline's and, when a model is active, than the
 * active model's on the same examples. Otherwise it stays CANDIDATE, for a deliberate activation.
 * A referral risk model (docs/decisions/0028) must beat the rules: a strictly higher ROC-AUC than
 * the rules' score and a log-loss not higher than that score read as a probability.
 */
final class ActivationRule {

    private ActivationRule() {}

    /** The decision and its reason, as the model's provenance shows it. */
    record Decision(boolean activate, String reason) {}

    /**
     * How a kind's new model is compared: with what (the engagement baseline, the referral risk
     * rules), on what, and whether it must be strictly better in ROC-AUC than that reference.
     */
    enum Criteria {
        /** Not worse than the baseline in log-loss nor in ROC-AUC. */
        ENGAGEMENT("the baseline", "validation sends", "the validation sends hold no open or no unopened send", false),
        /**
         * ROC-AUC higher than the rules' score's and log-loss not higher than the rules' score read
         * as a probability (docs/decisions/0028): a model that only re-learns the rules is not
         * worth serving.
         */
        REFERRAL_RISK(
                "the rules", "held-out decisions", "the held-out decisions hold no approval or no rejection", true);

        private final String reference;
        private final String examples;
        private final String undefined;
        private final boolean strictlyHigherAuc;

        Criteria(String reference, String examples, String undefined, boolean strictlyHigherAuc) {
            this.reference = reference;
            this.examples = examples;
            this.undefined = undefined;
            this.strictlyHigherAuc = strictlyHigherAuc;
        }
    }

    /**
     * @param activeId the model active when the run started, or null
     * @param activeEvaluated whether the trainer was given that model (it was readable), so that
     *     {@code outcome.active()} holds its metrics
     */
    static Decision decide(Outcome outcome, Long activeId, boolean activeEvaluated) {
        return decide(
                Criteria.ENGAGEMENT,
                outcome.metrics().open(),
                outcome.baseline().open(),
                outcome.active() == null ? null : outcome.active().open(),
                activeId,
                activeEvaluated);
    }

    /**
     * @param model the new model's metrics on its held-out examples
     * @param reference the baseline's (or the rules') on the same examples
     * @param active the active model's on the same examples, null when it was not measured
     * @param activeId the model active when the run started, or null
     * @param activeEvaluated whether that model was readable and measured ({@code active})
     */
    static Decision decide(
            Criteria criteria,
            Metrics.Report model,
            Metrics.Report reference,
            Metrics.Report active,
            Long activeId,
            boolean activeEvaluated) {
        if (!Double.isFinite(model.logLoss()) || !Double.isFinite(model.rocAuc())) {
            return new Decision(false, "its validation metrics are undefined (" + criteria.undefined + ")");
        }
        String versusReference = compare(model, reference, criteria.reference, criteria, criteria.strictlyHigherAuc);
        if (versusReference != null) {
            return new Decision(false, versusReference);
        }
        if (activeId == null) {
            return new Decision(
                    true, "no model was active and it beats " + criteria.reference + " on its " + criteria.examples);
        }
        if (!activeEvaluated || active == null) {
            return new Decision(
                    true,
                    "the active model " + activeId
                            + " could not be read to be measured, and this one beats " + criteria.reference
                            + " on its " + criteria.examples);
        }
        String versusActive = compare(model, active, "the active model " + activeId, criteria, false);
        if (versusActive != null) {
            return new Decision(false, versusActive);
        }
        return new Decision(
                true,
                "on its " + criteria.examples + " it is not worse than the active model " + activeId + " nor "
                        + criteria.reference);
    }

    /** Why the model is worse than the other scorer on the same examples, or null when it is not. */
    private static String compare(
            Metrics.Report model, Metrics.Report other, String name, Criteria criteria, boolean strictlyHigherAuc) {
        boolean logLossWorse = !(model.logLoss() <= other.logLoss());
        boolean aucWorse = strictlyHigherAuc ? !(model.rocAuc() > other.rocAuc()) : !(model.rocAuc() >= other.rocAuc());
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
                "it is %s %s on its %s: log-loss %.5f against %.5f, ROC-AUC %.4f against %.4f",
                strictlyHigherAuc && !logLossWorse ? "not better than" : "worse than",
                name,
                criteria.examples,
                model.logLoss(),
                other.logLoss(),
                model.rocAuc(),
                other.rocAuc());
    }
}
