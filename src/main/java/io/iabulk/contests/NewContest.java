package io.iabulk.contests;

import io.iabulk.platform.SingleLine;
import io.iabulk.platform.StorableInstant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sends to create a contest. Left-out fields take their defaults: no window,
 * 0 points per signup, 10 per referral, confirmation required, no milestones, and a slug made from
 * the name, no experience. The experience fields are those of {@link ContestExperience}, checked by its
 * rules.
 */
public record NewContest(
        @NotBlank @Size(max = 200) @SingleLine String name,

        @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE)
        String slug,

        @StorableInstant Instant startsAt,
        @StorableInstant Instant endsAt,
        @Min(0) @Max(1_000_000) Integer pointsPerSignup,
        @Min(0) @Max(1_000_000) Integer pointsPerReferral,
        Boolean requireConfirmation,
        @Size(max = 50) List<@Valid Milestone> milestones,
        String description,
        String prize,
        String imageUrl,
        String logoUrl,
        String accentColor,
        String terms,
        Boolean showLeaderboard,
        @Size(max = 100) List<String> allowedOrigins,
        Boolean welcomeEmail,
        Boolean rankDigest) {

    /** A contest without experience. */
    public NewContest(
            String name,
            String slug,
            Instant startsAt,
            Instant endsAt,
            Integer pointsPerSignup,
            Integer pointsPerReferral,
            Boolean requireConfirmation,
            List<Milestone> milestones) {
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

    /** The experience fields as sent (a missing boolean is false). */
    public ContestExperience experience() {
        return new ContestExperience(
                description,
                prize,
                imageUrl,
                logoUrl,
                accentColor,
                terms,
                showLeaderboard != null && showLeaderboard,
                origins(allowedOrigins),
                welcomeEmail != null && welcomeEmail,
                rankDigest != null && rankDigest);
    }

    /** Origins as the browser sends them (lower case, no trailing slash), in the order given. */
    static List<String> origins(List<String> origins) {
        return origins == null
                ? List.of()
                : origins.stream().map(ContestExperience::origin).toList();
    }
}
