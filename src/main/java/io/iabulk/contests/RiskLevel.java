package io.iabulk.contests;

/**
 * How likely a referral is to be fake: {@link #HIGH} holds it for review (reason {@link
 * ReferralReason#RISK_SCORE}), {@link #MEDIUM} credits it and lists it on the review queue's watch
 * list, {@link #LOW} credits it.
 */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
