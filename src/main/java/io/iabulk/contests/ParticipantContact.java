package io.iabulk.contests;

/**
 * Who to write to about a participation: the contact behind a participant and the links a message
 * about it carries. For the modules that mail participants; never shown publicly.
 */
public record ParticipantContact(
        long participantId,
        long contestId,
        long contactId,
        String firstName,
        String referralCode,
        String referralUrl,
        String statusUrl,
        ParticipantStatus status,
        int referrals,
        int points) {}
