package io.iabulk.contests.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestAnalytics;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestStats;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.NewContest;
import io.iabulk.contests.ParticipantDetails;
import io.iabulk.contests.ParticipantQuery;
import io.iabulk.contests.ParticipantSummary;
import io.iabulk.contests.ParticipantsCsv;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralFilter;
import io.iabulk.contests.ReferralReview;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.contests.RiskLevel;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Operators' contest API (admin key required). */
@RestController
@Tag(name = "Contests")
@RequestMapping(path = "/api/v1/contests", produces = MediaType.APPLICATION_JSON_VALUE)
class ContestController {

    private final ContestService contests;
    private final ContestPatchReader patches;
    private final Clock clock;
    private final ParticipantsCsv csv;

    ContestController(ContestService contests, ContestPatchReader patches, Clock clock, ParticipantsCsv csv) {
        this.contests = contests;
        this.patches = patches;
        this.clock = clock;
        this.csv = csv;
    }

    @Operation(
            summary = "Create a contest",
            description = "Created in DRAFT. Left-out fields take their defaults: no window, 0 points per signup, "
                    + "10 per referral, confirmation required, no milestones, a slug made from the name.")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new contest")
    @ApiResponse(responseCode = "409", description = "The slug is used by another contest")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Contest> create(@Valid @RequestBody NewContest contest) {
        Contest created = contests.create(contest);
        return ResponseEntity.created(URI.create("/api/v1/contests/" + created.id()))
                .body(created);
    }

    @Operation(
            summary = "List contests",
            description = "Keyset-paged by id: pass the page's `nextCursor` as `cursor` for the next page.")
    @GetMapping
    Page<Contest> list(
            @RequestParam(required = false) ContestStatus status,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Page.of(contests.list(status, cursor, limit + 1), limit, Contest::id);
    }

    @Operation(summary = "Read a contest")
    @GetMapping("/{id}")
    Contest get(@PathVariable String id) {
        return contests.get(contests.resolve(id));
    }

    @Operation(
            summary = "Change a contest",
            description = "A JSON merge patch (RFC 7396) of `name`, `slug`, `startsAt`, `endsAt`, `pointsPerSignup`, "
                    + "`pointsPerReferral`, `requireConfirmation` and `milestones`: a field left out stays, `null` "
                    + "clears `startsAt`, `endsAt` or `milestones`, a value sets it. Unknown fields and `status` (use "
                    + "`/activate` and `/end`) are refused with per-field errors.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ContestPatch.class))))
    @ApiResponse(responseCode = "200", description = "The contest as changed")
    @ApiResponse(responseCode = "409", description = "The slug is used by another contest")
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    Contest update(@PathVariable String id, @RequestBody JsonNode patch) {
        return contests.update(contests.resolve(id), patches.read(patch));
    }

    @Operation(
            summary = "Activate a contest",
            description = "DRAFT becomes ACTIVE: signups open (within `startsAt`/`endsAt`). Activating an ACTIVE "
                    + "contest changes nothing.")
    @ApiResponse(responseCode = "200", description = "The active contest")
    @ApiResponse(responseCode = "409", description = "The contest has ENDED")
    @PostMapping("/{id}/activate")
    Contest activate(@PathVariable String id) {
        return contests.activate(contests.resolve(id));
    }

    @Operation(
            summary = "End a contest",
            description = "ACTIVE becomes ENDED: signups close and the leaderboard freezes. Ending an ENDED contest "
                    + "changes nothing.")
    @ApiResponse(responseCode = "200", description = "The ended contest")
    @ApiResponse(responseCode = "409", description = "The contest is still a DRAFT")
    @PostMapping("/{id}/end")
    Contest end(@PathVariable String id) {
        return contests.end(contests.resolve(id));
    }

    @Operation(
            summary = "Totals of a contest",
            description = "Participants (confirmed ones apart), credited referrals and their average, points, and "
                    + "referrals waiting for review.")
    @GetMapping("/{id}/stats")
    ContestStats stats(@PathVariable String id) {
        return contests.stats(contests.resolve(id));
    }

    /** Signups, confirmations and referral decisions over time, the funnel and the referral shape. */
    @Operation(
            summary = "Analytics of a contest",
            description = "Signups, confirmations and referral decisions per bucket; the funnel (signed up, "
                    + "confirmed, referred one), the viral coefficient and the share of referrals from the top 1 % "
                    + "of referrers. `from` and `to` are ISO-8601 instants or dates; `granularity` is `minute`, "
                    + "`hour` or `day`.")
    @GetMapping("/{id}/analytics")
    ContestAnalytics analytics(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity) {
        AnalyticsRange range = AnalyticsRange.parse(from, to, granularity, clock.instant());
        return contests.analytics(contests.resolve(id), range.from(), range.to(), range.granularity());
    }

    @Operation(
            summary = "List a contest's referrals",
            description = "With their decision, its reason code and their fraud `risk` (score, level, reasons); "
                    + "`status=FLAGGED` lists those waiting for review, `status=WATCH` the watch list (PENDING or "
                    + "CREDITED referrals whose risk is MEDIUM or HIGH), `level=LOW|MEDIUM|HIGH` those of one risk "
                    + "level. Keyset-paged by id.")
    @GetMapping("/{id}/referrals")
    Page<Referral> referrals(
            @PathVariable String id,
            @Parameter(description = "PENDING, FLAGGED, CREDITED, REJECTED or WATCH") @RequestParam(required = false)
                    String status,
            @RequestParam(required = false) RiskLevel level,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        long contestId = contests.resolve(id);
        ReferralFilter filter = filter(status, level);
        return Page.of(
                contests.referralsMatching(contestId, filter, cursor == null ? 0 : cursor, limit + 1),
                limit,
                Referral::id);
    }

    @Operation(
            summary = "List a contest's participants",
            description = "Unmasked, newest first, keyset-paged by id: pass the page's `nextCursor` as `cursor` for "
                    + "the next page. `q` finds participants whose address starts with it (case ignored) or whose "
                    + "referral code it is; `status` is `PENDING` (not confirmed yet) or `CONFIRMED`. With "
                    + "`Accept: text/csv` every matching participant is streamed as one CSV file (`cursor` and "
                    + "`limit` are ignored; cells a spreadsheet would run as formulas start with `'`).")
    @ApiResponse(responseCode = "200", description = "A page of participants")
    @ApiResponse(responseCode = "404", description = "No such contest")
    @GetMapping("/{id}/participants")
    Page<ParticipantSummary> participants(
            @PathVariable String id,
            @Parameter(description = "the start of an address, or a referral code") @RequestParam(required = false)
                    String q,
            @Parameter(description = "PENDING or CONFIRMED") @RequestParam(required = false) String status,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        long contestId = contests.resolve(id);
        ParticipantQuery query = ParticipantQuery.parse(q, status);
        return Page.of(
                contests.participants(contestId, query, cursor, null, limit + 1),
                limit,
                ParticipantSummary::participantId);
    }

    @Operation(summary = "A contest's participants as CSV")
    @GetMapping(path = "/{id}/participants", produces = "text/csv")
    void participantsCsv(
            @PathVariable String id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            HttpServletResponse response)
            throws IOException {
        long contestId = contests.resolve(id);
        csv.send(contestId, ParticipantQuery.parse(q, status), response);
    }

    @Operation(
            summary = "The referrals a participant made",
            description = "Counted or not, newest first, each with both people unmasked, its state, the reason it "
                    + "did not count (today's reason codes) and its fraud `risk`: what an operator reads when a "
                    + "participant asks why a friend was not counted. Keyset-paged by referral id.")
    @ApiResponse(responseCode = "200", description = "A page of referrals")
    @ApiResponse(responseCode = "404", description = "No such participant in this contest")
    @GetMapping("/{id}/participants/{participantId}/referrals")
    Page<ReferralReview> referralsMade(
            @PathVariable String id,
            @PathVariable long participantId,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return Page.of(
                contests.referralsMadeBy(contests.resolve(id), participantId, cursor, limit + 1),
                limit,
                ReferralReview::id);
    }

    @Operation(
            summary = "A participant, unmasked",
            description = "With the referral that brought them in and its fraud `risk` (score, level, reasons).")
    @ApiResponse(responseCode = "200", description = "The participant")
    @ApiResponse(responseCode = "404", description = "No such participant in this contest")
    @GetMapping("/{id}/participants/{participantId}")
    ParticipantDetails participant(@PathVariable String id, @PathVariable long participantId) {
        return contests.participantDetails(contests.resolve(id), participantId);
    }

    /** The filter of a status (or the watch list) and a risk level, as the query names them. */
    static ReferralFilter filter(String status, RiskLevel level) {
        if (status == null || status.isBlank()) {
            return new ReferralFilter(null, level, false);
        }
        String wanted = status.strip().toUpperCase(java.util.Locale.ROOT);
        if (wanted.equals("WATCH")) {
            return ReferralFilter.watchList(level);
        }
        for (ReferralStatus s : ReferralStatus.values()) {
            if (s.name().equals(wanted)) {
                return new ReferralFilter(s, level, false);
            }
        }
        throw new InvalidRequestException("status", "must be one of PENDING, FLAGGED, CREDITED, REJECTED, WATCH");
    }
}
