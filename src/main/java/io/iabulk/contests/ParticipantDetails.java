package io.iabulk.contests;

import java.time.Instant;

/**
 * A participant as operators see it (admin API): unmasked, with the referral that brought them in
 * and its fraud risk.
 *
 * @param userAgent the browser identification the signup came with (cleaned; null when none)
 * @param referredBy the participant id of the referrer (null when they came without a referral)
 * @param referral the referral that brought them in (null when none)
 * @param risk the fraud risk of that referral (null when none, or never assessed)
 */
public record ParticipantDetails(
        long participantId,
        long contestId,
        String email,
        String firstName,
        String lastName,
        ParticipantStatus status,
        String referralCode,
        String userAgent,
        Long referredBy,
        int referrals,
        int points,
        Instant joinedAt,
        Instant confirmedAt,
        Referral referral,
        ReferralRisk risk) {}
