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
        Optional<List<Milestone>> milestones,
        Optional<String> description,
        Optional<String> prize,
        Optional<String> imageUrl,
        Optional<String> logoUrl,
        Optional<String> accentColor,
        Optional<String> terms,
        Optional<Boolean> showLeaderboard,
        Optional<List<String>> allowedOrigins,
        Optional<Boolean> welcomeEmail,
        Optional<Boolean> rankDigest) {

    /** Changes of the rules only: the experience is left alone. */
    public ContestChanges(
            Optional<String> name,
            Optional<String> slug,
            Optional<Instant> startsAt,
            Optional<Instant> endsAt,
            Optional<Integer> pointsPerSignup,
            Optional<Integer> pointsPerReferral,
            Optional<Boolean> requireConfirmation,
            Optional<List<Milestone>> milestones) {
        this(
                name,
                slug,
                startsAt,
                endsAt,
                pointsPerSignup,
                pointsPerReferral,
                requireConfirmation,
                milestones,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The experience after these changes of {@code current}. */
    public ContestExperience applyTo(ContestExperience current) {
        return new ContestExperience(
                pick(description, current.description()),
                pick(prize, current.prize()),
                pick(imageUrl, current.imageUrl()),
                pick(logoUrl, current.logoUrl()),
                pick(accentColor, current.accentColor()),
                pick(terms, current.terms()),
                showLeaderboard != null ? showLeaderboard.orElse(false) : current.showLeaderboard(),
                allowedOrigins != null
                        ? NewContest.origins(allowedOrigins.orElse(List.of()))
                        : current.allowedOrigins(),
                welcomeEmail != null ? welcomeEmail.orElse(false) : current.welcomeEmail(),
                rankDigest != null ? rankDigest.orElse(false) : current.rankDigest());
    }

    private static String pick(Optional<String> change, String current) {
        return change != null ? change.orElse(null) : current;
    }
}
