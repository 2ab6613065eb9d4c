package io.iabulk.contests;

/**
 * A participant's own standing, as their status page and the public API show it.
 *
 * @param rank 1-based position on the contest's leaderboard; 0 while the participant has not
 *     confirmed (only confirmed participants have a place)
 */
public record ParticipantView(
        long participantId,
        long contestId,
        String displayName,
        String referralCode,
        String referralUrl,
        ParticipantStatus status,
        int referrals,
        int points,
        long rank,
        NextMilestone nextMilestone,
        int pendingReferrals,
        int flaggedReferrals) {}
