package io.iabulk.contests;

/**
 * A participant's own standing, as their status page and the public API show it.
 *
 * @param rank 1-based position on the contest's leaderboard; 0 while the participant has not
 *     confirmed (only confirmed participants have a place)
 * @param pendingReferrals referees who have not confirmed yet
 * @param flaggedReferrals referrals held for an organiser's review
 * @param rejectedReferrals referrals that do not count (the status page says why)
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
        int flaggedReferrals,
        int rejectedReferrals) {

    /** Whether anyone has signed up through this participant's link, counted or not. */
    public boolean hasReferred() {
        return referrals + pendingReferrals + flaggedReferrals + rejectedReferrals > 0;
    }
}
