package io.iabulk.contests;

import java.util.Optional;

/** What following a confirmation link did, and the participant it belongs to. */
public record ConfirmationResult(Outcome outcome, Optional<ParticipantView> participant) {

    public enum Outcome {
        CONFIRMED,
        ALREADY_CONFIRMED,
        EXPIRED,
        UNKNOWN
    }
}
