package io.iabulk.intelligence.predictions;

/**
 * A contact's engagement tier, from its engagement score (the percentile of its mean P(open) among
 * the active contacts of the run) and its silence: the top fifth is HIGH, the next two fifths
 * MEDIUM, the rest LOW, or DORMANT when it has also been mailed for the dormancy period without a
 * human open or click in it (docs/decisions/0019, "Predictions").
 */
public enum Tier {
    HIGH,
    MEDIUM,
    LOW,
    DORMANT;

    /** The lowest engagement score of HIGH. */
    static final int HIGH_FROM = 80;

    /** The lowest engagement score of MEDIUM. */
    static final int MEDIUM_FROM = 40;

    static Tier of(int score, boolean silent) {
        if (score >= HIGH_FROM) {
            return HIGH;
        }
        if (score >= MEDIUM_FROM) {
            return MEDIUM;
        }
        return silent ? DORMANT : LOW;
    }

    /** {@link #of} in SQL, on a score and a silent column. */
    static String sql(String score, String silent) {
        return "CASE WHEN " + score + " >= " + HIGH_FROM + " THEN 'HIGH' WHEN " + score + " >= " + MEDIUM_FROM
                + " THEN 'MEDIUM' WHEN " + silent + " THEN 'DORMANT' ELSE 'LOW' END";
    }
}
