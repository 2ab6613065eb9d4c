package io.iabulk.contests;

/**
 * Someone joined a contest. {@code confirmationToken} is set when a confirmation email must go
 * out (it is the only place the raw token exists; the database keeps its hash).
 */
public record ParticipantSignedUp(
        long contestId,
        long participantId,
        long contactId,
        String email,
        String firstName,
        String referralCode,
        String confirmationToken,
        boolean resent) {}
