package io.iabulk.delivery;

import java.time.Instant;

/**
 * When each recipient of a snapshot chunk is to be sent (send-time optimisation, docs/decisions/0022):
 * given the contact ids of the chunk's new rows, in ascending order, the time of each (same index).
 * A time in the past means as soon as possible. The campaigns module supplies it; delivery only
 * stores the times and never claims a row before its time.
 */
@FunctionalInterface
public interface SendTimes {

    /** The send time of each contact, aligned with {@code contactIds}; never null, same length. */
    Instant[] of(long[] contactIds);
}
