package io.iabulk.webhooks.internal;

import java.time.Duration;

/** The delay before the next attempt: doubling from the first, capped, with jitter. */
final class Backoff {

    private Backoff() {}

    /**
     * The delay after failed attempt number {@code attempt} (1-based): {@code first × 2^(attempt-1)},
     * at most {@code max}, then moved by up to ±{@code jitter} of itself ({@code random} in [0, 1)
     * picks where), so endpoints that failed together are not retried together.
     */
    static Duration delay(int attempt, Duration first, Duration max, double jitter, double random) {
        int doublings = Math.clamp(attempt - 1, 0, 40);
        double base = Math.min(first.toMillis() * Math.pow(2, doublings), max.toMillis());
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }
}
