package io.iabulk.platform.internal;

import io.iabulk.platform.ConditionalOnRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is an accelerator: when it is down, callers must fail fast and fall back, not queue
 * commands until it returns. Lettuce therefore rejects commands while disconnected.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRedis
class RedisConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled());
    }
}
