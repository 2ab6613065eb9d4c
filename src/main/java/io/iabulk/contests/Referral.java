package io.iabulk.contests;

import java.time.Instant;

/** A referral and its decision, as operators review it. */
public record Referral(
        long id,
        long contestId,
        long referrerId,
        long refereeId,
        ReferralStatus status,
        ReferralReason reason,
        Instant createdAt,
        Instant decidedAt) {}
