package io.iabulk.platform;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** The one source of time; tests replace it to step through windows and expiries. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
