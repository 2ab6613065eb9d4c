package io.iabulk.dashboard.console.analytics;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sums of the rollups over ranges in the operator's time zone. Rollup buckets are aligned in UTC;
 * a day of the operator starts at a local midnight, which is not always on a UTC hour (India,
 * Newfoundland): the part before the first whole hour is read from the minute table, the rest from
 * the hour table, so a range costs two small reads whatever its length.
 */
public final class RollupSums {

    private RollupSums() {}

    /** The counts per type in [from, to); {@code from} is rounded down to its minute, {@code to} up to its hour. */
    public static Map<String, Long> sum(AnalyticsService analytics, Set<String> types, Instant from, Instant to) {
        Map<String, Long> sums = new HashMap<>();
        for (String type : types) {
            sums.put(type, 0L);
        }
        Instant start = Granularity.MINUTE.bucketOf(from);
        Instant firstHour = ceil(Granularity.HOUR, start);
        Instant end = ceil(Granularity.HOUR, to);
        if (start.isBefore(firstHour)) {
            Instant headEnd = firstHour.isBefore(to) ? firstHour : ceil(Granularity.MINUTE, to);
            add(sums, analytics.series(types, null, null, start, headEnd, Granularity.MINUTE));
        }
        if (firstHour.isBefore(end)) {
            add(sums, analytics.series(types, null, null, firstHour, end, Granularity.HOUR));
        }
        return sums;
    }

    /** The counts per type in the last 60 minutes up to {@code now} (the current minute included). */
    public static Map<String, Long> lastHour(AnalyticsService analytics, Set<String> types, Instant now) {
        Instant end = Granularity.MINUTE.bucketOf(now).plus(Duration.ofMinutes(1));
        Map<String, Long> sums = new HashMap<>();
        for (String type : types) {
            sums.put(type, 0L);
        }
        add(sums, analytics.series(types, null, null, end.minus(Duration.ofHours(1)), end, Granularity.MINUTE));
        return sums;
    }

    /**
     * Daily counts per type over the local days {@code first} to {@code last} (inclusive), each list
     * holding one count per day: hour buckets grouped by the local day they start in (a zone off the
     * hour by 30 or 45 minutes moves that part of an hour to the neighbouring day).
     */
    public static Map<String, List<Long>> localDays(
            AnalyticsService analytics, Set<String> types, ZoneId zone, LocalDate first, LocalDate last, Instant now) {
        int days = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String type : types) {
            counts.put(type, new long[days]);
        }
        Instant from = Granularity.HOUR.bucketOf(first.atStartOfDay(zone).toInstant());
        Instant to = ceil(Granularity.HOUR, last.plusDays(1).atStartOfDay(zone).toInstant());
        Instant end = ceil(Granularity.HOUR, now.plusSeconds(1));
        if (end.isBefore(to)) {
            to = end;
        }
        if (from.isBefore(to)) {
            for (RollupBucket bucket : analytics.series(types, null, null, from, to, Granularity.HOUR)) {
                int day = (int) (bucket.start().atZone(zone).toLocalDate().toEpochDay() - first.toEpochDay());
                if (day >= 0 && day < days) {
                    counts.get(bucket.type())[day] += bucket.count();
                }
            }
        }
        Map<String, List<Long>> lists = new LinkedHashMap<>();
        counts.forEach((type, n) -> {
            List<Long> list = new ArrayList<>(days);
            for (long v : n) {
                list.add(v);
            }
            lists.put(type, list);
        });
        return lists;
    }

    private static void add(Map<String, Long> sums, List<RollupBucket> buckets) {
        for (RollupBucket bucket : buckets) {
            sums.merge(bucket.type(), bucket.count(), Long::sum);
        }
    }

    /** The first bucket boundary at or after {@code at}. */
    static Instant ceil(Granularity unit, Instant at) {
        Instant floor = unit.bucketOf(at);
        return floor.equals(at) ? at : floor.plus(unit.width());
    }
}
