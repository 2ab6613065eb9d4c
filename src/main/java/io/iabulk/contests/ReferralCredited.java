package io.iabulk.contests;

/** A referral counted: the referrer now has {@code referrals} credited referrals and {@code points}. */
public record ReferralCredited(
        long contestId, long referralId, long referrerId, long refereeId, int referrals, int points) {}
