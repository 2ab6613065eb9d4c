package io.iabulk.delivery.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-recipient-domain concurrency with additive increase, multiplicative decrease: a domain's
 * limit (batches in flight at once) halves when it answers with transient failures and grows by
 * one per clean batch up to the configured ceiling. A throttling reply (421, 451, 452, 454, HTTP
 * 429) also closes the domain for a while ("not before").
 */
final class DomainThrottle {

    private final int ceiling;
    private final long pauseNanos;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();

    DomainThrottle(int ceiling, Duration pause) {
        this.ceiling = ceiling;
        this.pauseNanos = pause.toNanos();
    }

    private final class Domain {
        double limit = ceiling;
        int inFlight;
        boolean paused;
        long notBefore;
    }

    /**
     * Takes a slot of the domain and returns 0, or returns how many nanoseconds to wait before the
     * domain may be tried again (paused, or all its slots taken).
     */
    synchronized long tryAcquire(String name, long nowNanos) {
        Domain domain = domains.computeIfAbsent(name, n -> new Domain());
        if (domain.paused && domain.notBefore - nowNanos > 0) {
            return domain.notBefore - nowNanos;
        }
        if (domain.inFlight >= Math.max(1, (int) domain.limit)) {
            return 200_000_000L;
        }
        domain.inFlight++;
        return 0;
    }

    /** Returns a slot with what the batch to the domain met. */
    synchronized void release(String name, Feedback feedback, long nowNanos) {
        Domain domain = domains.get(name);
        if (domain == null) {
            return;
        }
        domain.inFlight = Math.max(0, domain.inFlight - 1);
        switch (feedback) {
            case CLEAN -> domain.limit = Math.min(ceiling, domain.limit + 1);
            case TRANSIENT -> domain.limit = Math.max(1, domain.limit / 2);
            case THROTTLED -> {
                domain.limit = Math.max(1, domain.limit / 2);
                domain.paused = true;
                domain.notBefore = nowNanos + pauseNanos;
            }
            case NONE -> {}
        }
    }

    /** The current limit of a domain (the ceiling for one never seen). */
    synchronized int limit(String name) {
        Domain domain = domains.get(name);
        return domain == null ? ceiling : Math.max(1, (int) domain.limit);
    }

    /** What a batch to one domain met. */
    enum Feedback {
        /** Every message accepted. */
        CLEAN,
        /** Some transient failure. */
        TRANSIENT,
        /** A throttling reply: slow down and pause. */
        THROTTLED,
        /** Nothing to learn (no message reached the domain's server). */
        NONE
    }

    static boolean throttling(int code) {
        return code == 421 || code == 451 || code == 452 || code == 454 || code == 429;
    }
}
