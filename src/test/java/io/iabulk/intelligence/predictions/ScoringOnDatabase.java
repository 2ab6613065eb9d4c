package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementTimelines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The scoring and the predictions of one database, built without Spring (embedded-mode tests of
 * other packages): a scoring run with a given predictor, and one contact's prediction.
 */
public final class ScoringOnDatabase {

    private final JdbcPredictionRepository repository;
    private final PopulationRates population;
    private final ScoringProperties properties;
    private final EngagementTimelines timelines;
    private final Clock clock;

    public ScoringOnDatabase(DataSource dataSource, EngagementTimelines timelines, Clock clock) {
        this.repository = new JdbcPredictionRepository(
                JdbcClient.create(dataSource),
                new JdbcTemplate(dataSource),
                dataSource,
                new DataSourceTransactionManager(dataSource));
        this.population = new PopulationRates(repository, clock);
        this.properties = new ScoringProperties(
                true, Duration.ofHours(24), Duration.ofMinutes(1), 500, 2, Duration.ofDays(90), Duration.ofMinutes(10));
        this.timelines = timelines;
        this.clock = clock;
    }

    /** The baseline with the population rates of this database's last run. */
    public BaselinePredictor baseline() {
        return new BaselinePredictor(population);
    }

    /** A scoring run now when one is due with this predictor (the first, another model), else empty. */
    public java.util.Optional<ScoringWorker.Outcome> scoreIfDue(EngagementPredictor predictor) {
        return new ScoringWorker(timelines, predictor, repository, population, properties, clock).runIfDue();
    }

    /** One contact's prediction for a send at {@code at}, as the API answers it. */
    public ContactPrediction predict(EngagementPredictor predictor, long contactId, Instant at) {
        return new Predictions(repository, timelines, predictor, properties, clock).forContact(contactId, at);
    }
}
