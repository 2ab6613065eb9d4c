package io.iabulk.delivery;

import java.time.Duration;

/**
 * Where a campaign's sends stand. Counts are exact (kept in the same transactions that move the
 * rows); the rate is measured over the last few seconds.
 *
 * @param total recipients snapshotted so far
 * @param scheduled queued sends whose planned time (send-time optimisation) is still ahead
 * @param queued sends due now or waiting for a retry (the scheduled ones apart)
 * @param possiblyDuplicated sends re-sent after an instance died while they were in flight
 * @param eta time left at the current rate, or null when nothing is moving
 */
public record SendProgress(
        long total,
        long scheduled,
        long queued,
        long sending,
        long sent,
        long failed,
        long bounced,
        long suppressed,
        long cancelled,
        long possiblyDuplicated,
        double ratePerSecond,
        Duration eta) {

    /** True when no send of the campaign is scheduled, queued, in flight or waiting for a retry. */
    public boolean settled() {
        return scheduled == 0 && queued == 0 && sending == 0;
    }
}
