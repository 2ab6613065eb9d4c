package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.SendTimePlanner;
import io.iabulk.delivery.SendTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The send times of a send-time optimised campaign's recipients (docs/decisions/0022): the planner
 * picks each one's hour, and this spreads the recipients of an hour evenly over it by a hash of the
 * contact id (deterministic, so a chunk snapshotted again gets the same times, and no second of the
 * hour gets more than its share). Without a planner every recipient is sent at the start.
 */
final class SendTimePlans {

    private static final SendTimePlanner AT_START = (ids, start, windowHours) -> new Instant[ids.length];

    private final ObjectProvider<SendTimePlanner> planner;

    SendTimePlans(ObjectProvider<SendTimePlanner> planner) {
        this.planner = planner;
    }

    /** The send times of a campaign started at {@code start} with a window of {@code windowHours}. */
    SendTimes times(Instant start, int windowHours) {
        return ids -> {
            Instant[] hours = planner.getIfAvailable(() -> AT_START).bestHours(ids, start, windowHours);
            Instant end = start.plus(Duration.ofHours(windowHours));
            Instant[] times = new Instant[ids.length];
            for (int i = 0; i < ids.length; i++) {
                times[i] = within(hours[i], ids[i], start, end);
            }
            return times;
        };
    }

    /**
     * The contact's time in the part of its hour inside {@code [start, end)}: at the fraction of that
     * part given by its hash, to the millisecond; the start for no hour (or one outside the window).
     */
    static Instant within(Instant hour, long contactId, Instant start, Instant end) {
        if (hour == null) {
            return start;
        }
        Instant from = hour.truncatedTo(ChronoUnit.HOURS);
        Instant to = from.plus(Duration.ofHours(1));
        if (from.isBefore(start)) {
            from = start;
        }
        if (to.isAfter(end)) {
            to = end;
        }
        if (!from.isBefore(to)) {
            return start;
        }
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis((long) (fraction(contactId) * span));
    }

    /** A uniform fraction in [0, 1) from the contact id (SplitMix64's finaliser). */
    static double fraction(long contactId) {
        long z = contactId + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
