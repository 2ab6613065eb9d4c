package io.iabulk.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Beans every integration test context holds: a clock tests can step, the events published, and
 * contacts' timelines from their imported history until the intelligence module has its own.
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

    /** Yields to the module's own {@code EngagementTimelines} once there is one. */
    @Bean
    @Fallback
    HistoryTimelines historyTimelines(JdbcClient jdbc) {
        return new HistoryTimelines(jdbc);
    }
}
