package io.iabulk.contests;

/**
 * A contact's participation in a contest, as personalised mail shows it.
 *
 * @param referralUrl the link the participant shares
 * @param rank 1-based position on the contest's leaderboard; 0 while unconfirmed (no place yet)
 * @param nextMilestone the next reward within reach, or null when every milestone is reached (or
 *     the contest has none)
 */
public record ContestParticipation(
        long contestId,
        long participantId,
        long contactId,
        ParticipantStatus status,
        String referralCode,
        String referralUrl,
        long rank,
        int referrals,
        int points,
        NextMilestone nextMilestone) {}
