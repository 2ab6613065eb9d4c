package io.iabulk.contests;

/**
 * A referral counted: the referrer now has {@code referrals} credited referrals and {@code points}.
 * Published once per referral, in the transaction that credits it (on the referee's confirmation,
 * at signup when the contest needs none, or when an operator approves a flagged referral).
 *
 * <p>No module listens yet: the outgoing webhooks ({@code webhooks} module, a later issue) will
 * consume it, with an {@code @ApplicationModuleListener}, to notify the operator's endpoints.
 */
public record ReferralCredited(
        long contestId, long referralId, long referrerId, long refereeId, int referrals, int points) {}
