package io.iabulk.contests;

import java.time.Instant;

/**
 * A participant in an operator's list of a contest (admin API, console, CSV export): unmasked.
 *
 * @param referralUrl the participant's own link to share
 * @param referredBy the participant id of the referrer (null when they came without a referral)
 * @param referredByEmail the referrer's address (null when they came without a referral)
 * @param referrals credited referrals
 * @param confirmedAt null while the address is not confirmed
 */
public record ParticipantSummary(
        long participantId,
        String email,
        String firstName,
        String lastName,
        ParticipantStatus status,
        String referralCode,
        String referralUrl,
        Long referredBy,
        String referredByEmail,
        int referrals,
        int points,
        Instant joinedAt,
        Instant confirmedAt) {}
