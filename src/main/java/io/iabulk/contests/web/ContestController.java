package io.iabulk.contests.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestAnalytics;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestStats;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.NewContest;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.platform.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
@RequestMapping(path = "/api/v1/contests", produces = MediaType.APPLICATION_JSON_VALUE)
class ContestController {

    private final ContestService contests;
    private final ContestPatchReader patches;
    private final Clock clock;

    ContestController(ContestService contests, ContestPatchReader patches, Clock clock) {
        this.contests = contests;
        this.patches = patches;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Contest> create(@Valid @RequestBody NewContest contest) {
        Contest created = contests.create(contest);
        return ResponseEntity.created(URI.create("/api/v1/contests/" + created.id()))
                .body(created);
    }

    @GetMapping
    Page<Contest> list(
            @RequestParam(required = false) ContestStatus status,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Page.of(contests.list(status, cursor, limit + 1), limit, Contest::id);
    }

    @GetMapping("/{id}")
    Contest get(@PathVariable String id) {
        return contests.get(contests.resolve(id));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    Contest update(@PathVariable String id, @RequestBody JsonNode patch) {
        return contests.update(contests.resolve(id), patches.read(patch));
    }

    @PostMapping("/{id}/activate")
    Contest activate(@PathVariable String id) {
        return contests.activate(contests.resolve(id));
    }

    @PostMapping("/{id}/end")
    Contest end(@PathVariable String id) {
        return contests.end(contests.resolve(id));
    }

    @GetMapping("/{id}/stats")
    ContestStats stats(@PathVariable String id) {
        return contests.stats(contests.resolve(id));
    }

    /** Signups, confirmations and referral decisions over time, the funnel and the referral shape. */
    @GetMapping("/{id}/analytics")
    ContestAnalytics analytics(
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity) {
        AnalyticsRange range = AnalyticsRange.parse(from, to, granularity, clock.instant());
        return contests.analytics(contests.resolve(id), range.from(), range.to(), range.granularity());
    }

    @GetMapping("/{id}/referrals")
    Page<Referral> referrals(
            @PathVariable String id,
            @RequestParam(required = false) ReferralStatus status,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        long contestId = contests.resolve(id);
        return Page.of(
                contests.referrals(contestId, status, cursor == null ? 0 : cursor, limit + 1), limit, Referral::id);
    }
}
