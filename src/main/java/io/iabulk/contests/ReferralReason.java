package io.iabulk.contests;

/** Why a referral was rejected or flagged, in words a participant can read. */
public enum ReferralReason {
    SELF_REFERRAL("you cannot refer yourself"),
    DUPLICATE_EMAIL("that address had already joined this contest"),
    DISPOSABLE_DOMAIN("it uses a throwaway email service, so an organiser will review it"),
    IP_VELOCITY("many people joined from the same network at once, so an organiser will review it"),
    RISK_SCORE("it looked like part of a group of fake sign-ups, so an organiser will review it"),
    CONTEST_ENDED("it was confirmed after the contest had ended"),
    OPERATOR_REJECTED("an organiser reviewed it and did not count it");

    private final String explanation;

    ReferralReason(String explanation) {
        this.explanation = explanation;
    }

    /** The reason in plain words, completing "This referral is not counted because ...". */
    public String explanation() {
        return explanation;
    }
}
