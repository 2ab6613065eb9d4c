package io.iabulk.intelligence.learning;

import io.iabulk.contests.RiskLabel;
import io.iabulk.contests.RiskLevel;
import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the referral risk model on operators' decisions (docs/decisions/0028): the decisions on
 * referrals held for their risk, in the order they were made; the latest {@code holdOutFraction}
 * of them (by count, never splitting one instant) are held out, the earlier ones train a logistic
 * regression ({@link LogisticRegression}, the engagement model's). The model, the rules' score and
 * the active model are measured on the same held-out decisions, each as it would serve: a model
 * scores the referrals of its range and the rules the others.
 */
public final class ReferralRiskTrainer {

    private ReferralRiskTrainer() {}

    /**
     * @param minLabels fewer usable decisions than this: no model
     * @param minEachOutcome fewer approvals or fewer rejections than this among them: no model
     * @param holdOutFraction the latest share of the decisions held out to measure the model (0.2)
     */
    public record Settings(int minLabels, int minEachOutcome, double holdOutFraction) {}

    /**
     * What a run gave.
     *
     * @param model the model, or null when there were too few decisions ({@code reason} says why)
     * @param trainedOn the decisions it learnt from: their time range, count and rejections
     * @param validatedOn the later decisions held out
     * @param metrics the model's (as served) on the held-out decisions
     * @param rules the rules' score's, as a probability, on the same decisions
     * @param active the given active model's on the same decisions, null when none was given
     */
    public record Outcome(
            RiskModel model,
            String reason,
            Window trainedOn,
            Window validatedOn,
            Metrics.Report metrics,
            Metrics.Report rules,
            Metrics.Report active,
            Map<String, Object> provenance) {

        public boolean trained() {
            return model != null;
        }
    }

    /**
     * Whether a decision can teach the model: the referral's stored level was HIGH, so it was held
     * for its risk. A referral held by a fixed rule (disposable domain, network velocity) while its
     * risk was LOW or MEDIUM is left out: the rule's reason is not among the model's features, and
     * it would teach that unremarkable referrals get rejected.
     */
    public static boolean usable(RiskLabel label) {
        return label.risk() != null && label.risk().level() == RiskLevel.HIGH && label.reviewedAt() != null;
    }

    /** Trains on these decisions (the unusable ones are left out here too). */
    public static Outcome train(List<RiskLabel> decisions, Settings settings, RiskModel active) {
        long started = System.nanoTime();
        List<RiskLabel> labels = decisions.stream()
                .filter(ReferralRiskTrainer::usable)
                .sorted(Comparator.comparing(RiskLabel::reviewedAt).thenComparingLong(RiskLabel::referralId))
                .toList();
        int n = labels.size();
        long rejected = labels.stream().filter(l -> !l.approved()).count();
        long approved = n - rejected;
        if (n < settings.minLabels() || rejected < settings.minEachOutcome() || approved < settings.minEachOutcome()) {
            return notTrained(
                    String.format(
                            Locale.ROOT,
                            "%,d decisions on referrals held for their risk (%,d approved, %,d rejected); training "
                                    + "needs %,d with at least %,d approved and %,d rejected",
                            n,
                            approved,
                            rejected,
                            settings.minLabels(),
                            settings.minEachOutcome(),
                            settings.minEachOutcome()),
                    window(labels, 0, n));
        }
        int cut = n - (int) Math.ceil(n * settings.holdOutFraction());
        // decisions made at one instant stay together, on the held-out side: it is strictly later
        while (cut > 0
                && labels.get(cut - 1).reviewedAt().equals(labels.get(cut).reviewedAt())) {
            cut--;
        }
        if (cut == 0) {
            return notTrained(
                    "the decisions cannot be split by time: the latest ones were all made at the instant of the first",
                    window(labels, 0, n));
        }

        double[][] strengths = new double[n][];
        for (int i = 0; i < n; i++) {
            strengths[i] = RiskRows.strengths(labels.get(i).risk());
        }
        RiskModel model = fit(strengths, labels, cut);

        int held = n - cut;
        double[] served = new double[held];
        double[] rules = new double[held];
        double[] previous = active == null ? null : new double[held];
        boolean[] fake = new boolean[held];
        for (int i = 0; i < held; i++) {
            double[] s = strengths[cut + i];
            served[i] = model.served(s);
            rules[i] = RiskRows.rulesScore(s);
            if (previous != null) {
                previous[i] = active.served(s);
            }
            fake[i] = !labels.get(cut + i).approved();
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put(
                "library",
                "iabulk LogisticRegression (Newton's method, L2 " + LogisticRegression.L2
                        + " on standardised features)");
        provenance.put("target", "rejected by an operator");
        provenance.put("coefficients", model.coefficients());
        provenance.put("minRulesScore", model.minRulesScore());
        provenance.put(
                "split",
                String.format(
                        Locale.ROOT,
                        "by decision time: the latest %d of %d decisions held out (%.0f %% asked)",
                        held,
                        n,
                        100 * settings.holdOutFraction()));
        provenance.put("trainingMillis", (System.nanoTime() - started) / 1_000_000);
        return new Outcome(
                model,
                null,
                window(labels, 0, cut),
                window(labels, cut, n),
                Metrics.report(served, fake),
                Metrics.report(rules, fake),
                previous == null ? null : Metrics.report(previous, fake),
                provenance);
    }

    /** Logistic regression on the first {@code cut} rows, standardised by their mean and deviation. */
    private static RiskModel fit(double[][] strengths, List<RiskLabel> labels, int cut) {
        int width = RiskRows.WIDTH;
        float[] rows = new float[cut * width];
        boolean[] fake = new boolean[cut];
        double minRules = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cut; i++) {
            RiskRows.row(strengths[i], rows, i * width);
            fake[i] = !labels.get(i).approved();
            minRules = Math.min(minRules, RiskRows.rulesScore(strengths[i]));
        }
        double[] mean = new double[width];
        double[] sd = new double[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < cut; i++) {
                double x = rows[i * width + j];
                sum += x;
                squares += x * x;
            }
            mean[j] = sum / cut;
            double variance = squares / cut - mean[j] * mean[j];
            // a feature that never varies here (a signal no decision showed) keeps weight 0
            sd[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        for (int i = 0; i < cut; i++) {
            LinearMargin.standardise(rows, i * width, mean, sd);
        }
        double[] beta = LogisticRegression.fit(rows, width, fake);
        double[] weights = new double[width];
        System.arraycopy(beta, 0, weights, 0, width);
        return new RiskModel(RiskRows.names(), beta[width], weights, mean, sd, minRules);
    }

    private static Outcome notTrained(String reason, Window seen) {
        return new Outcome(null, reason, seen, null, null, null, null, Map.of());
    }

    private static Window window(List<RiskLabel> labels, int from, int to) {
        if (from >= to) {
            return new Window(null, null, 0, 0);
        }
        long rejected = 0;
        for (int i = from; i < to; i++) {
            rejected += labels.get(i).approved() ? 0 : 1;
        }
        Instant first = labels.get(from).reviewedAt();
        Instant last = labels.get(to - 1).reviewedAt();
        return new Window(first, last, to - from, rejected);
    }
}
