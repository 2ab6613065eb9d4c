package io.iabulk.contests;

/**
 * One sign that a referral is not a real person brought in by a friend, with its weight in the
 * rules' score (a noisy-OR: {@code 1 - Π(1 - weight × strength)}, docs/decisions/0024) and its
 * explanation for operators. A pattern across several of one referrer's referees at full strength
 * weighs at least the default HIGH threshold on its own; a hint from one signup never does, nor do
 * all of one signup's hints together (a script's user agent, a lone confirmation within seconds, a
 * random-looking address: 0.51, MEDIUM), so a referral made by a script is credited and watched.
 */
public enum RiskSignal {
    GENERATED_ADDRESSES(
            0.85,
            "several of this referrer's referees have variants of one address (a shared stem with counters, "
                    + "+tags or dots), as generated accounts do"),
    RANDOM_ADDRESSES(0.8, "the address looks random, as do others among this referrer's referees"),
    SHARED_USER_AGENT(0.8, "most of this referrer's referees signed up with exactly the same browser"),
    AUTOMATED_CLIENT(0.3, "the sign-up came from a script or sent no browser identification"),
    FAST_CONFIRMATION(
            0.8,
            "the address was confirmed seconds after signing up, faster than a person opens and reads an "
                    + "email (and so were others of this referrer's)"),
    REGULAR_RHYTHM(0.8, "this referrer's referees signed up at regular intervals, as a script does"),
    FAST_GROWTH(0.4, "this referrer gained referrals far faster than is usual in this contest"),
    FLAGGED_NETWORK(0.6, "other referrals held for review came from the same network");

    private final double weight;
    private final String explanation;

    RiskSignal(double weight, String explanation) {
        this.weight = weight;
        this.explanation = explanation;
    }

    /** How much a signal at full strength alone raises the score (0–1). */
    public double weight() {
        return weight;
    }

    /** The signal in plain words, for the operator reviewing the referral. */
    public String explanation() {
        return explanation;
    }
}
