package io.iabulk.intelligence.learning;

import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.RiskSignal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The features of the referral risk model (docs/decisions/0028): one strength per {@link
 * RiskSignal} (0 when absent), then the rules' score. A label only keeps the strengths its stored
 * reasons show: a signal whose part (weight × strength) is below 0.05 is left out and the others
 * are rounded to two decimals. The live strengths go through the same filter, so that the model
 * scores a new referral from what it learnt from, and the rules' score is recomputed from them
 * (the noisy-OR of {@link RiskSignal}'s javadoc): a label's stored score is a model's when one was
 * active, and the recomputed one differs from the rules' at the time only by the left-out signals.
 */
final class RiskRows {

    /** Parts below this are not stored with a referral (the explanation's cut in contests' rules). */
    static final double SHOWN = 0.05;

    static final List<RiskSignal> SIGNALS = List.of(RiskSignal.values());

    /** The rules' score: the last feature. */
    static final String RULES = "rules.score";

    static final int WIDTH = SIGNALS.size() + 1;

    private RiskRows() {}

    /** The features' names in the order of a row. */
    static List<String> names() {
        List<String> names = new ArrayList<>(WIDTH);
        SIGNALS.forEach(signal -> names.add("signal." + signal.name()));
        names.add(RULES);
        return Collections.unmodifiableList(names);
    }

    /** Live strengths as a stored label would hold them, by signal ordinal. */
    static double[] strengths(Map<RiskSignal, Double> live) {
        double[] s = new double[SIGNALS.size()];
        live.forEach((signal, strength) -> {
            if (strength != null && signal.weight() * strength >= SHOWN) {
                s[signal.ordinal()] = Math.round(Math.min(1, strength) * 100) / 100.0;
            }
        });
        return s;
    }

    /** A stored risk's strengths by signal ordinal (codes this version does not know are ignored). */
    static double[] strengths(ReferralRisk stored) {
        double[] s = new double[SIGNALS.size()];
        for (ReferralRisk.Reason reason : stored.reasons()) {
            for (RiskSignal signal : SIGNALS) {
                if (signal.name().equals(reason.code())) {
                    s[signal.ordinal()] = Math.max(0, Math.min(1, reason.strength()));
                }
            }
        }
        return s;
    }

    /** The rules' noisy-OR of these strengths: {@code 1 − Π(1 − weight × strength)}. */
    static double rulesScore(double[] strengths) {
        double keep = 1;
        for (int j = 0; j < strengths.length; j++) {
            keep *= 1 - SIGNALS.get(j).weight() * strengths[j];
        }
        return 1 - keep;
    }

    /** Writes the row of these strengths (and their rules' score) at {@code offset}. */
    static void row(double[] strengths, float[] rows, int offset) {
        for (int j = 0; j < strengths.length; j++) {
            rows[offset + j] = (float) strengths[j];
        }
        rows[offset + strengths.length] = (float) rulesScore(strengths);
    }
}
