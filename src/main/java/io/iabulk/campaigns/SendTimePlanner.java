package io.iabulk.campaigns;

import java.time.Instant;

/**
 * Picks each recipient's hour of a send-time optimised campaign (docs/decisions/0022). The campaigns
 * module owns this seam; the intelligence module implements it from its stored predictions. Without
 * an implementation every recipient is sent at the start (as without the option).
 */
public interface SendTimePlanner {

    /**
     * The chosen hour of each contact, aligned with {@code contactIds} (ascending): the start of a
     * whole (UTC) hour that overlaps {@code [start, start + windowHours h)}, or null for "as soon as
     * possible". The caller spreads each contact over the part of its hour inside the window. Called
     * once per snapshot chunk (thousands of contacts): it must be set-based.
     */
    Instant[] bestHours(long[] contactIds, Instant start, int windowHours);
}
