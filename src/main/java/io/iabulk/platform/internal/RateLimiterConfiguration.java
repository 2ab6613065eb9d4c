package io.iabulk.platform.internal;

import io.iabulk.platform.ConditionalOnMissingRedis;
import io.iabulk.platform.ConditionalOnRedis;
import io.iabulk.platform.PlatformProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Picks the rate limiter's store once: Redis when configured, this process otherwise. */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    @Bean
    @ConditionalOnMissingRedis
    RateLimiter localRateLimiter() {
        return new LocalRateLimiter();
    }

    @Bean
    @ConditionalOnRedis
    RateLimiter redisRateLimiter(StringRedisTemplate redis, PlatformProperties properties, Clock clock) {
        return new RedisRateLimiter(redis, properties.redis().keyPrefix(), new LocalRateLimiter(), clock);
    }
}
