package io.iabulk.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Limits shared by all instances through Redis: a counter per client and second (fixed window),
 * bumped by one atomic script call, so a request costs one round trip and concurrent requests of a
 * hot client never retry. A window allows {@code perSecond} requests; across a window edge a
 * client may briefly get up to twice that. When Redis fails, this instance's own token buckets
 * take over for a few seconds rather than refusing or admitting everyone.
 */
class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final Duration FALLBACK_FOR = Duration.ofSeconds(5);

    // INCR, and start the key's life on the first hit of its window
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final RateLimiter fallback;
    private final Clock clock;
    private volatile long failedUntil;

    RedisRateLimiter(StringRedisTemplate redis, String prefix, RateLimiter fallback, Clock clock) {
        this.redis = redis;
        this.prefix = prefix + "rl:";
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public long tryAcquire(String key, int perSecond) {
        if (failedUntil != 0 && System.nanoTime() - failedUntil < 0) {
            return fallback.tryAcquire(key, perSecond);
        }
        try {
            long second = clock.millis() / 1_000;
            Long count = redis.execute(COUNT, List.of(prefix + key + ":" + second), "2000");
            return count != null && count > perSecond ? 1 : 0;
        } catch (RuntimeException e) {
            log.warn(
                    "Rate limiting falls back to this instance for {} s: Redis failed ({})",
                    FALLBACK_FOR.toSeconds(),
                    e.toString());
            failedUntil = System.nanoTime() + FALLBACK_FOR.toNanos();
            return fallback.tryAcquire(key, perSecond);
        }
    }
}
