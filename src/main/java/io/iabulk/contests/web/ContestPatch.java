package io.iabulk.contests.web;

import io.iabulk.contests.Milestone;
import io.iabulk.contests.Slugs;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code PATCH /api/v1/contests/{id}} for the API documentation only: the patch is read
 * as a tree by {@link ContestPatchReader}, never bound to this type.
 */
@Schema(
        name = "ContestPatch",
        description = "A JSON merge patch of a contest: every field is optional; left out stays, `null` clears "
                + "(only `startsAt`, `endsAt` and `milestones` can be cleared).",
        example = "{\"name\": \"Spring referral contest\", \"endsAt\": \"2026-06-30T22:00:00Z\", "
                + "\"milestones\": [{\"referrals\": 3, \"reward\": \"Sticker pack\"}]}")
record ContestPatch(
        @Schema(maxLength = 200) String name,

        @Schema(description = "The signup page is `/c/{slug}`", pattern = Slugs.PATTERN)
        String slug,

        @Schema(description = "When signups open; `null` for at once", nullable = true)
        Instant startsAt,

        @Schema(description = "When signups close and the contest ends; `null` for never", nullable = true)
        Instant endsAt,

        @Schema(minimum = "0", maximum = "1000000") Integer pointsPerSignup,
        @Schema(minimum = "0", maximum = "1000000") Integer pointsPerReferral,
        Boolean requireConfirmation,

        @Schema(description = "Replaces the whole list; `null` removes every milestone", nullable = true)
        List<Milestone> milestones) {}
