package io.iabulk.contests;

import java.util.Optional;

/** What following a confirmation link did (or would do), and the participant it belongs to. */
public record ConfirmationResult(Outcome outcome, Optional<ParticipantView> participant) {

    public enum Outcome {
        /** The link is valid and waits for the participant's confirmation ({@code ContestService.confirmation}). */
        AWAITING,
        CONFIRMED,
        ALREADY_CONFIRMED,
        EXPIRED,
        UNKNOWN
    }
}
