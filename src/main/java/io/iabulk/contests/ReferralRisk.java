package io.iabulk.contests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fraud risk of a referral: a score from 0 (looks genuine) to 1, its level and the signals
 * behind it, strongest first.
 *
 * @param score the rules' score, or the learned model's when one is active
 * @param level the score against the configured thresholds
 * @param reasons the signals that raised the score
 */
public record ReferralRisk(double score, RiskLevel level, List<Reason> reasons) {

    /** No sign of fraud. */
    public static final ReferralRisk NONE = new ReferralRisk(0, RiskLevel.LOW, List.of());

    public ReferralRisk {
        reasons = List.copyOf(reasons);
    }

    /**
     * One signal behind a score.
     *
     * @param code the signal's stable code ({@link RiskSignal})
     * @param explanation the signal in plain words
     * @param strength how strongly it showed, 0–1
     */
    public record Reason(String code, String explanation, double strength) {

        public static Reason of(RiskSignal signal, double strength) {
            return new Reason(signal.name(), signal.explanation(), strength);
        }
    }

    /** The reasons as stored: {@code CODE=strength} pairs separated by commas. */
    public String reasonsText() {
        StringBuilder text = new StringBuilder();
        for (Reason reason : reasons) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(reason.code()).append('=').append(String.format(Locale.ROOT, "%.2f", reason.strength()));
        }
        return text.toString();
    }

    /** A risk as stored, or null when the referral was never assessed (it predates the assessment). */
    public static ReferralRisk stored(Double score, String level, String reasons) {
        if (score == null || level == null) {
            return null;
        }
        List<Reason> parsed = new ArrayList<>();
        if (reasons != null && !reasons.isBlank()) {
            for (String pair : reasons.split(",")) {
                int eq = pair.indexOf('=');
                String code = eq < 0 ? pair : pair.substring(0, eq);
                double strength = eq < 0 ? 1 : Double.parseDouble(pair.substring(eq + 1));
                String explanation;
                try {
                    explanation = RiskSignal.valueOf(code).explanation();
                } catch (IllegalArgumentException e) {
                    explanation = code;
                }
                parsed.add(new Reason(code, explanation, strength));
            }
        }
        return new ReferralRisk(score, RiskLevel.valueOf(level), parsed);
    }
}
