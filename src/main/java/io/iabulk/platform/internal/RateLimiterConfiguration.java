package io.iabulk.platform.internal;

import io.iabulk.platform.ConditionalOnMissingRedis;
import io.iabulk.platform.ConditionalOnRedis;
import io.iabulk.platform.PlatformProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

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
    RateLimiter redisRateLimiter(LettuceConnectionFactory connections, PlatformProperties properties) {
        return new RedisRateLimiter(connections, properties.redis().keyPrefix(), new LocalRateLimiter());
    }
}
