package io.iabulk.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Beans every integration test context holds: a clock tests can step and the events published.
 */
@TestConfiguration(proxyBeanMethods = false)
class IntegrationTestBeans {

    /** Primary: the platform's system clock may be in the context too. */
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    @Bean
    RecordedEvents recordedEvents() {
        return new RecordedEvents();
    }
}
