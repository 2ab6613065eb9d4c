package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.XgboostEngagementTrainer;
import io.iabulk.intelligence.models.JdbcModelRepository.NewModel;
import io.iabulk.intelligence.predictions.ScoringBenchmark.SyntheticTimelines;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A main program of {@code bench/intelligence/predictions.sh} (not a test): trains a model with the
 * real trainer on N synthetic contacts and stores it ACTIVE in the registry of a running service's
 * schema, whose predictor then serves it within its check interval. Prints the model's id.
 *
 * <p>Arguments: JDBC URL (with {@code currentSchema}), contacts to train on.
 */
public final class SeedModel {

    private SeedModel() {}

    public static void main(String[] args) {
        Instant now = Instant.now();
        EngagementTrainer.Outcome outcome = new XgboostEngagementTrainer()
                .train(
                        new SyntheticTimelines(Integer.parseInt(args[1]), now),
                        now,
                        new EngagementTrainer.Settings(2000, 100, 0.2, 2, 1_000_000),
                        null,
                        EngagementTrainer.Progress.NONE);
        if (!outcome.trained()) {
            throw new IllegalStateException("no model: " + outcome.reason());
        }
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(args[0], "postgres", ""));
        JdbcModelRepository models =
                new JdbcModelRepository(jdbc, JsonMapper.builder().build());
        models.retireActive(JdbcModelRepository.ENGAGEMENT);
        long id = models.insert(new NewModel(
                JdbcModelRepository.ENGAGEMENT,
                outcome.model().algorithm(),
                ModelStatus.ACTIVE,
                now,
                0,
                outcome.trainedOn(),
                outcome.validatedOn(),
                outcome.features(),
                ModelMetrics.of(outcome.metrics().open()),
                ModelMetrics.of(outcome.baseline().open()),
                ModelMetrics.of(outcome.metrics().click()),
                ModelMetrics.of(outcome.baseline().click()),
                Map.of("seededBy", "bench/intelligence/predictions.sh"),
                outcome.model().toBytes()));
        System.out.println(id);
    }
}
