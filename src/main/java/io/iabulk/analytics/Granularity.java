package io.iabulk.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The width of a rollup bucket; buckets are aligned in UTC. */
public enum Granularity {
    MINUTE(ChronoUnit.MINUTES),
    HOUR(ChronoUnit.HOURS),
    DAY(ChronoUnit.DAYS);

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the bucket that holds {@code at}. */
    public Instant bucketOf(Instant at) {
        return at.atOffset(ZoneOffset.UTC).truncatedTo(unit).toInstant();
    }

    public Duration width() {
        return unit.getDuration();
    }
}
