package io.iabulk.contests;

/**
 * Totals of a contest.
 *
 * @param totalReferrals credited referrals
 * @param avgReferrals credited referrals per participant
 * @param flaggedReferrals referrals waiting for review
 */
public record ContestStats(
        long totalParticipants,
        long confirmedParticipants,
        long totalReferrals,
        double avgReferrals,
        long totalPoints,
        long flaggedReferrals) {}
