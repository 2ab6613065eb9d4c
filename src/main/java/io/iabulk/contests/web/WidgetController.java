package io.iabulk.contests.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the script widget needs to draw a contest's signup form in a host page. Called cross-origin
 * from the sites the contest allows ({@link WidgetCors}); it signs people up through the public
 * signup API.
 */
@RestController
class WidgetController {

    private final ContestService contests;
    private final Clock clock;

    WidgetController(ContestService contests, Clock clock) {
        this.contests = contests;
        this.clock = clock;
    }

    /**
     * The widget's view of a contest.
     *
     * @param open whether it takes signups now
     * @param signupsUrl where the widget posts (the public signup API)
     * @param signupUrl the contest's own signup page (a link for visitors without script)
     */
    record Widget(
            long id,
            String name,
            String slug,
            String prize,
            boolean open,
            boolean requireConfirmation,
            String signupUrl,
            String signupsUrl) {}

    @Operation(
            summary = "A contest as the embeddable signup widget draws it",
            description = "Public. Browsers may call it (and the signup API) from the contest's `allowedOrigins` only "
                    + "(CORS, no cookies). See README, \"Embedding a contest\".")
    @PublicEndpoint("pages")
    @GetMapping(path = "/api/v1/contests/{id}/widget", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Widget> widget(@PathVariable String id) {
        Contest contest = contests.get(contests.resolve(id));
        Instant now = Instant.now(clock);
        Widget widget = new Widget(
                contest.id(),
                contest.name(),
                contest.slug(),
                contest.experience().prize(),
                contest.acceptsSignupsAt(now),
                contest.requireConfirmation(),
                contest.signupUrl(),
                "/api/v1/contests/" + contest.id() + "/signups");
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(30)))
                .body(widget);
    }
}
