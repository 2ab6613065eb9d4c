package io.iabulk.platform.internal;

/** Per-client token buckets; the seam between the in-process and the Redis-backed store. */
public interface RateLimiter {

    /**
     * Takes one token from the bucket of {@code key}, which refills {@code perSecond} tokens a
     * second.
     *
     * @return 0 when the request may pass, otherwise the seconds to wait before retrying
     */
    long tryAcquire(String key, int perSecond);
}
