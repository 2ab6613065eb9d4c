package io.iabulk.delivery.internal;

/**
 * A token bucket that grants part of a request: a worker asks for a batch's worth of permits and
 * claims as many rows as it got. It holds at most one second's worth (a burst never exceeds the
 * rate over a second) and at least one token's room.
 */
final class TokenBucket {

    private double ratePerSecond;
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond, long nowNanos) {
        this.ratePerSecond = ratePerSecond;
        this.tokens = capacity();
        this.refilledAt = nowNanos;
    }

    private double capacity() {
        return Math.max(1.0, ratePerSecond);
    }

    /** Changes the rate (e.g. when instances come or go); keeps the tokens already earned. */
    synchronized void rate(double ratePerSecond, long nowNanos) {
        refill(nowNanos);
        this.ratePerSecond = ratePerSecond;
        tokens = Math.min(tokens, capacity());
    }

    /** Takes up to {@code wanted} whole tokens; returns how many it took (maybe 0). */
    synchronized int take(int wanted, long nowNanos) {
        refill(nowNanos);
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= granted;
        return granted;
    }

    /** Gives back tokens taken but not used (fewer rows were due than permitted). */
    synchronized void refund(int unused) {
        tokens = Math.min(capacity(), tokens + unused);
    }

    /** Nanoseconds until one token is available (0 when one is). */
    synchronized long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) ((1 - tokens) / ratePerSecond * 1e9);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity(), tokens + elapsed / 1e9 * ratePerSecond);
            refilledAt = nowNanos;
        }
    }
}
