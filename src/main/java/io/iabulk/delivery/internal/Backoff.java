package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The wait before a retry: exponential in the attempt, capped, with jitter either way. */
final class Backoff {

    private final DeliveryProperties.Retry retry;

    Backoff(DeliveryProperties.Retry retry) {
        this.retry = retry;
    }

    /** The wait after the given failed attempt (1 = the first). */
    Duration after(int attempt) {
        double base = retry.initialBackoff().toMillis() * Math.pow(retry.multiplier(), Math.max(0, attempt - 1));
        double capped = Math.min(base, retry.maxBackoff().toMillis());
        double factor = 1 + retry.jitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped * factor)));
    }

    /** True when no attempt is left after this one. */
    boolean exhausted(int attempt) {
        return attempt >= retry.maxAttempts();
    }
}
