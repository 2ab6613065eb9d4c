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
                + "(`startsAt`, `endsAt`, `milestones` and the page texts, images and allowed origins can be cleared).",
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
        List<Milestone> milestones,

        @Schema(
                description = "What the contest is about, in Markdown (raw HTML is shown as text); `null` clears",
                maxLength = 10000,
                nullable = true)
        String description,

        @Schema(description = "The prize, one line; `null` clears", maxLength = 300, nullable = true)
        String prize,

        @Schema(
                description = "An https:// image of the prize, also the shared link's card image; `null` clears",
                maxLength = 2000,
                nullable = true)
        String imageUrl,

        @Schema(description = "The organiser's https:// logo; `null` clears", maxLength = 2000, nullable = true)
        String logoUrl,

        @Schema(
                description = "Buttons and links colour, `#rrggbb`; `null` clears",
                pattern = "^#[0-9a-fA-F]{6}$",
                nullable = true)
        String accentColor,

        @Schema(description = "Rules and terms, in Markdown; `null` clears", maxLength = 20000, nullable = true)
        String terms,

        @Schema(description = "Whether the participant pages show the top 10 (names masked)")
        Boolean showLeaderboard,

        @Schema(
                description = "The sites that may embed the contest, as origins (`https://www.example.com`; http "
                        + "only for localhost), at most 20: the script widget is allowed from these only, and when any is set "
                        + "only these may frame the pages; `null` or `[]` clears",
                nullable = true)
        List<String> allowedOrigins,

        @Schema(
                description = "Whether a confirmed participant gets a welcome email with their link (the "
                        + "`contest-welcome` system template)")
        Boolean welcomeEmail,

        @Schema(
                description = "Whether confirmed participants whose leaderboard rank improved get the \"you moved "
                        + "up\" email, at most once a day (the `contest-rank-digest` system template)")
        Boolean rankDigest) {}
