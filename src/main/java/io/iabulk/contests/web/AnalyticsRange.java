package io.iabulk.contests.web;

import io.iabulk.analytics.Granularity;
import io.iabulk.platform.Instants;
import io.iabulk.platform.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The {@code from}, {@code to} and {@code granularity} parameters of a report, validated. */
record AnalyticsRange(Instant from, Instant to, Granularity granularity) {

    /** At most this many buckets per answer (a day of minutes, two months of hours). */
    static final long MAX_BUCKETS = 1_500;

    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);

    /**
     * Reads the parameters; {@code to} defaults to now, {@code from} to a day before {@code to},
     * the granularity to hours.
     *
     * @throws InvalidRequestException on an unknown granularity, an unreadable time or one outside
     *     {@link Instants}' range, an empty range or one of more than {@link #MAX_BUCKETS} buckets
     */
    static AnalyticsRange parse(String from, String to, String granularity, Instant now) {
        Granularity g = granularity(granularity);
        Instant end = to == null ? now : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        long buckets = Duration.between(g.bucketOf(start), end).dividedBy(g.width()) + 1;
        if (buckets > MAX_BUCKETS) {
            throw new InvalidRequestException(
                    "granularity", "the range holds " + buckets + " buckets; at most " + MAX_BUCKETS + " are served");
        }
        return new AnalyticsRange(start, end, g);
    }

    private static Granularity granularity(String raw) {
        if (raw == null) {
            return Granularity.HOUR;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "minute" -> Granularity.MINUTE;
            case "hour" -> Granularity.HOUR;
            case "day" -> Granularity.DAY;
            default -> throw new InvalidRequestException("granularity", "must be minute, hour or day");
        };
    }

    private static Instant instant(String field, String raw) {
        return Instants.parse(field, raw);
    }
}
