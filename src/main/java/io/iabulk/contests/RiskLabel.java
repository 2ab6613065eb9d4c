package io.iabulk.contests;

import java.time.Instant;

/**
 * An operator's decision on a referral held for review, with the risk it was held with: one
 * labelled example for a learned referral risk model ({@link ReferralRiskModel}).
 *
 * @param risk the referral's stored risk (its reasons carry the signals' strengths)
 * @param approved true when the operator approved it (genuine), false when rejected (fake)
 * @param reviewedAt when the operator decided: a time split orders examples by it
 */
public record RiskLabel(long referralId, long contestId, ReferralRisk risk, boolean approved, Instant reviewedAt) {}
