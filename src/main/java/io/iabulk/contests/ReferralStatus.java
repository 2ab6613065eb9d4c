package io.iabulk.contests;

/**
 * Where a referral stands: {@link #PENDING} waits for the referee to confirm, {@link #FLAGGED}
 * waits for an operator's review, {@link #CREDITED} counted for the referrer, {@link #REJECTED}
 * never counts.
 */
public enum ReferralStatus {
    PENDING,
    FLAGGED,
    CREDITED,
    REJECTED
}
