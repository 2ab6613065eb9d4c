package io.iabulk.contests;

import java.time.Instant;

/**
 * A referral as an operator reviews it: its decision and both people, unmasked.
 *
 * @param reason why it was flagged or rejected (null while pending or once credited)
 * @param risk its fraud risk (null when it was never assessed)
 */
public record ReferralReview(
        long id,
        ReferralStatus status,
        ReferralReason reason,
        Instant createdAt,
        Instant decidedAt,
        Person referrer,
        Person referee,
        ReferralRisk risk) {

    /**
     * One side of a referral.
     *
     * @param name first and last name as given (null when none was)
     * @param referrals credited referrals of this participant
     * @param signupIp the address the signup came from (null when unknown)
     */
    public record Person(
            long participantId,
            String email,
            String name,
            ParticipantStatus status,
            int referrals,
            String signupIp,
            Instant joinedAt) {}
}
