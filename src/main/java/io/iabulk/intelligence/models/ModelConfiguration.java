package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.XgboostEngagementTrainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/** The trainer the training runs use: a fallback, so a trainer declared elsewhere takes its place. */
@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean
    @Fallback
    EngagementTrainer engagementTrainer() {
        return new XgboostEngagementTrainer();
    }
}
