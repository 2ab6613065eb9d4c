package io.iabulk.intelligence.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.XgboostEngagementTrainer;
import io.iabulk.intelligence.models.TrainingJob.Status;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.intelligence.predictions.ContactPrediction;
import io.iabulk.intelligence.predictions.ScoringOnDatabase;
import io.iabulk.intelligence.predictions.ScoringWorker;
import io.iabulk.support.H2Databases;
import io.iabulk.support.SqlTimelineSources;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embedded mode (H2) trains and predicts with the same SQL as PostgreSQL: the real trainer on
 * simulated history, the model stored and ACTIVE, served by the predictor, every contact scored
 * with it and one contact's prediction saying {@code source: model}.
 */
class H2EngagementModelTest {

    @Test
    void embeddedModeTrainsStoresServesAndScoresWithTheModel() {
        DataSource dataSource = H2Databases.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<Long> contacts = SimulatedContacts.insert(jdbc, new JdbcTemplate(dataSource), 2000, "h2");
        Clock clock = Clock.systemUTC();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcModelRepository models =
                new JdbcModelRepository(jdbc, JsonMapper.builder().build());
        JdbcTrainingJobRepository jobs = new JdbcTrainingJobRepository(jdbc);
        ModelRegistry registry = new ModelRegistry(models, jobs, transactions, event -> {}, clock);
        EngagementTimelines timelines = SqlTimelineSources.timelines(jdbc);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("trainer", new XgboostEngagementTrainer());
        beans.addBean("timelines", timelines);
        TrainingWorker worker = new TrainingWorker(
                beans.getBeanProvider(EngagementTrainer.class),
                beans.getBeanProvider(EngagementTimelines.class),
                jobs,
                registry,
                H2ModelRegistryTest.properties(),
                clock,
                transactions);
        try {
            long id = worker.start(Trigger.MANUAL).job().id();
            await().atMost(3, TimeUnit.MINUTES).until(() -> !worker.job(id).running());
            TrainingJob job = worker.job(id);

            assertThat(job.status()).as(job.error()).isEqualTo(Status.SUCCEEDED);
            RegisteredModel model = registry.get(job.modelId());
            assertThat(model.status()).isEqualTo(ModelStatus.ACTIVE);
            assertThat(model.metrics().rocAuc())
                    .isGreaterThanOrEqualTo(model.baseline().rocAuc());
            assertThat(model.features()).isNotEmpty();

            ScoringOnDatabase scoring = new ScoringOnDatabase(dataSource, timelines, clock);
            ModelPredictor predictor = new ModelPredictor(models, scoring.baseline());
            assertThat(predictor.modelId()).isEqualTo(job.modelId());
            ScoringWorker.Outcome run = scoring.scoreIfDue(predictor).orElseThrow();
            assertThat(run.modelId()).isEqualTo(job.modelId());
            assertThat(run.contacts()).isEqualTo(contacts.size());
            assertThat(jdbc.sql("SELECT count(*) FROM contact_predictions WHERE model_id = :model")
                            .param("model", job.modelId())
                            .query(Long.class)
                            .single())
                    .isEqualTo(contacts.size());

            ContactPrediction stored = scoring.predict(predictor, contacts.getFirst(), clock.instant());
            assertThat(stored.source()).isEqualTo("model");
            assertThat(stored.modelId()).isEqualTo(job.modelId());
            ContactPrediction computed =
                    scoring.predict(predictor, contacts.getFirst(), Instant.parse("2027-03-02T10:00:00Z"));
            assertThat(computed.source()).isEqualTo("model");
            assertThat(computed.openProbability()).isBetween(0.0, 1.0);
        } finally {
            worker.stop();
        }
    }
}
