package io.iabulk.contests;

import java.time.Instant;

/**
 * A referral and its decision, as operators review it.
 *
 * @param risk its fraud risk (null for referrals recorded before risk was assessed, and for
 *     repeats rejected at once)
 */
public record Referral(
        long id,
        long contestId,
        long referrerId,
        long refereeId,
        ReferralStatus status,
        ReferralReason reason,
        Instant createdAt,
        Instant decidedAt,
        ReferralRisk risk) {}
