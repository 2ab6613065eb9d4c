package io.iabulk.contests;

/**
 * The outcome of a signup.
 *
 * @param created {@code true} for a new participant, {@code false} when the (normalised) address
 *     had joined before and the existing participant is returned
 */
public record SignupResult(
        long participantId, String referralCode, String referralUrl, ParticipantStatus status, boolean created) {}
