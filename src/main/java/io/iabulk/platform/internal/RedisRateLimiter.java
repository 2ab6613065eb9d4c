package io.iabulk.platform.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Token buckets shared by all instances through Redis, so a client's limit holds however many
 * instances serve it. When Redis fails the limiter falls back to this instance's own buckets
 * rather than refusing or admitting everyone.
 */
class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final LettuceConnectionFactory connections;
    private volatile LettuceBasedProxyManager<byte[]> buckets;
    private final RateLimiter fallback;
    private final String prefix;
    private volatile long failedUntil;

    RedisRateLimiter(LettuceConnectionFactory connections, String prefix, RateLimiter fallback) {
        this.connections = connections;
        this.prefix = prefix + "rl:";
        this.fallback = fallback;
    }

    @Override
    public long tryAcquire(String key, int perSecond) {
        if (failedUntil != 0 && System.nanoTime() - failedUntil < 0) {
            return fallback.tryAcquire(key, perSecond);
        }
        try {
            BucketConfiguration configuration = BucketConfiguration.builder()
                    .addLimit(Bandwidth.builder()
                            .capacity(perSecond)
                            .refillGreedy(perSecond, Duration.ofSeconds(1))
                            .build())
                    .build();
            ConsumptionProbe probe = buckets()
                    .builder()
                    .build((prefix + perSecond + ":" + key).getBytes(StandardCharsets.UTF_8), () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed()
                    ? 0
                    : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        } catch (RuntimeException e) {
            log.warn("Rate limiting falls back to this instance for 5 s: Redis failed ({})", e.toString());
            failedUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            return fallback.tryAcquire(key, perSecond);
        }
    }

    /** Built on first use: the connection factory has started by then. */
    private LettuceBasedProxyManager<byte[]> buckets() {
        LettuceBasedProxyManager<byte[]> built = buckets;
        if (built == null) {
            synchronized (this) {
                if (buckets == null) {
                    if (!(connections.getNativeClient() instanceof RedisClient client)) {
                        throw new IllegalStateException("Redis rate limits need a standalone Redis client");
                    }
                    buckets = Bucket4jLettuce.casBasedBuilder(client)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                    Duration.ofSeconds(10)))
                            .build();
                }
                built = buckets;
            }
        }
        return built;
    }
}
