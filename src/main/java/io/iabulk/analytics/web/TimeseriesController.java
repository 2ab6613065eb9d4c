package io.iabulk.analytics.web;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.SingleLine;
import io.iabulk.platform.StorableInstant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/analytics/timeseries}: the counts of one type per bucket, every bucket of the
 * range present (0 when nothing was counted), so charts need no gap filling; and {@code GET
 * /api/v1/analytics/live}, the per-second stream.
 */
@RestController
@Tag(name = "Analytics")
class TimeseriesController {

    /** One bucket of the answer. */
    record Point(Instant start, long count) {}

    /** The answer: the range actually covered, aligned to whole buckets. */
    record Series(String type, String granularity, Instant from, Instant to, List<Point> points) {}

    private final AnalyticsService analytics;
    private final LiveStreams live;
    private final Clock clock;
    private final int maxBuckets;

    TimeseriesController(AnalyticsService analytics, LiveStreams live, AnalyticsProperties properties, Clock clock) {
        this.analytics = analytics;
        this.live = live;
        this.clock = clock;
        this.maxBuckets = properties.maxBuckets();
    }

    @Operation(
            summary = "Counts of an event type over time",
            description = "The count of one `type` per bucket, every bucket of the range present (0 when nothing "
                    + "was counted), so charts need no gap filling. `granularity` is `minute`, `hour` (the default) "
                    + "or `day`; by default the range ends with the current bucket and spans 60 minutes, 24 hours or "
                    + "30 days. `contestId` / `campaignId` narrow it. A range of too many buckets is a 400.")
    @GetMapping(path = "/api/v1/analytics/timeseries", produces = MediaType.APPLICATION_JSON_VALUE)
    Series timeseries(
            @RequestParam(required = false) @SingleLine @Size(max = 200) String type,
            @RequestParam(required = false) @StorableInstant Instant from,
            @RequestParam(required = false) @StorableInstant Instant to,
            @RequestParam(defaultValue = "hour") String granularity,
            @RequestParam(required = false) Long contestId,
            @RequestParam(required = false) Long campaignId) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("type", "is required, e.g. type=purchase");
        }
        notNegative("contestId", contestId);
        notNegative("campaignId", campaignId);
        Granularity unit = granularity(granularity);
        Duration width = unit.width();
        // by default the range ends with the current (partial) bucket and spans a day of hours,
        // an hour of minutes or 30 days
        Instant end = to != null ? to : unit.bucketOf(clock.instant()).plus(width);
        Instant start = from != null ? from : ceil(unit, end).minus(width.multipliedBy(defaultBuckets(unit)));
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        Instant first = unit.bucketOf(start);
        Instant last = ceil(unit, end);
        long buckets = Duration.between(first, last).dividedBy(width);
        if (buckets > maxBuckets) {
            throw new InvalidRequestException(
                    "to",
                    "the range holds " + buckets + " " + unit.name().toLowerCase(Locale.ROOT) + " buckets; at most "
                            + maxBuckets + " per request: narrow from/to or use a coarser granularity");
        }
        Map<Instant, Long> counts = new HashMap<>();
        for (RollupBucket bucket : analytics.series(Set.of(type), contestId, campaignId, first, last, unit)) {
            counts.merge(bucket.start(), bucket.count(), Long::sum);
        }
        List<Point> points = new ArrayList<>((int) buckets);
        for (Instant at = first; at.isBefore(last); at = at.plus(width)) {
            points.add(new Point(at, counts.getOrDefault(at, 0L)));
        }
        return new Series(type, unit.name().toLowerCase(Locale.ROOT), first, last, points);
    }

    @Operation(
            summary = "Live counts",
            description = "Server-Sent Events, one update a second: the counts of the current minute and of the last "
                    + "second per event type; `contestId` / `campaignId` narrow it to one contest or campaign.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/api/v1/analytics/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@RequestParam(required = false) Long contestId, @RequestParam(required = false) Long campaignId) {
        notNegative("contestId", contestId);
        notNegative("campaignId", campaignId);
        return live.subscribe(new LiveStreams.Filter(contestId, campaignId));
    }

    private static void notNegative(String name, Long id) {
        if (id != null && id < 0) {
            throw new InvalidRequestException(name, "must not be negative");
        }
    }

    private static Granularity granularity(String value) {
        try {
            return Granularity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("granularity", "must be minute, hour or day");
        }
    }

    private static long defaultBuckets(Granularity unit) {
        return switch (unit) {
            case MINUTE -> 60;
            case HOUR -> 24;
            case DAY -> 30;
        };
    }

    /** The first bucket boundary at or after {@code at}. */
    private static Instant ceil(Granularity unit, Instant at) {
        Instant floor = unit.bucketOf(at);
        return floor.equals(at) ? at : floor.plus(unit.width());
    }
}
