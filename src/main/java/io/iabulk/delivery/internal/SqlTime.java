package io.iabulk.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants as SQL parameters, at the databases' precision. */
final class SqlTime {

    private SqlTime() {}

    /**
     * Truncated to microseconds: both databases round finer instants, so a row queued "now" could
     * otherwise be stored a fraction of a microsecond after the "now" of a claim.
     */
    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
