package io.iabulk.contests;

/**
 * A referral was flagged for an operator's review (it counts only if approved); published once per
 * referral, in the transaction that flags it. The webhooks module tells the operator's endpoints.
 */
public record ReferralFlagged(
        long contestId, long referralId, long referrerId, long refereeId, ReferralReason reason) {}
