package io.iabulk.contests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A partial update of a contest (JSON merge patch): a {@code null} field is left alone, an empty
 * {@link Optional} clears the value, a present one sets it.
 */
public record ContestChanges(
        Optional<String> name,
        Optional<String> slug,
        Optional<Instant> startsAt,
        Optional<Instant> endsAt,
        Optional<Integer> pointsPerSignup,
        Optional<Integer> pointsPerReferral,
        Optional<Boolean> requireConfirmation,
        Optional<List<Milestone>> milestones) {}
