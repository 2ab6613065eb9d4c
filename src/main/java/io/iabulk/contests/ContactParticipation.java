package io.iabulk.contests;

import java.time.Instant;

/**
 * One contest a contact takes part in, as its contact page lists it.
 *
 * @param referralCode the participant's own referral code
 * @param referrals referrals credited to it in this contest
 * @param confirmedAt when it confirmed its address, or null
 */
public record ContactParticipation(
        long contestId,
        String contestName,
        ContestStatus contestStatus,
        long participantId,
        ParticipantStatus status,
        String referralCode,
        int referrals,
        int points,
        Instant joinedAt,
        Instant confirmedAt) {}
