package io.iabulk.intelligence.predictions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The baseline answers as the {@code EngagementPredictor} while no other predictor is a bean: it is
 * a {@link Fallback}, so a model-backed predictor declared anywhere takes its place for every
 * injection point without a change here, and can still inject {@link BaselinePredictor} itself.
 */
@Configuration(proxyBeanMethods = false)
class PredictionConfiguration {

    @Bean
    @Fallback
    BaselinePredictor baselinePredictor(PopulationRates population) {
        return new BaselinePredictor(population);
    }
}
