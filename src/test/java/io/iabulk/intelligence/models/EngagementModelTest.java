package io.iabulk.intelligence.models;

import static io.iabulk.support.Problems.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.Metrics;
import io.iabulk.intelligence.learning.XgboostEngagementTrainer;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import io.iabulk.intelligence.predictions.ScoringProperties;
import io.iabulk.intelligence.predictions.ScoringWorker;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * The engagement model end to end on the real PostgreSQL, with the real trainer: 2,000 simulated
 * people with about 20 past sends each, trained through the API, the model ACTIVE and served by
 * the predictions API with {@code source: model}, contacts scored again with it; too little data
 * fails the run and leaves the baseline; a worse model stays CANDIDATE; activation switches, rolls
 * back, and another instance's predictor follows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngagementModelTest extends HttpTest {

    private static final int PEOPLE = 2000;

    /** A send time outside any stored week: the prediction is computed with the active predictor. */
    private static final String LATER = "2027-03-02T10:00:00Z";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    JdbcModelRepository models;

    @Autowired
    JdbcTrainingJobRepository jobs;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ModelPredictor predictor;

    @Autowired
    BaselinePredictor baseline;

    @Autowired
    ScoringWorker scoring;

    @Autowired
    Clock clock;

    /** The context's timelines (the module's own once they land, the tests' stand-in until then). */
    @Autowired
    EngagementTimelines timelines;

    private List<Long> contacts;

    @BeforeAll
    void world() {
        RegistryFixtures.clear(jdbc);
        predictor.refresh();
        contacts = SimulatedContacts.insert(jdbc, template, PEOPLE, ContestTestData.unique());
    }

    @AfterAll
    void leave() {
        SimulatedContacts.deactivate(jdbc, contacts);
        RegistryFixtures.clear(jdbc);
        predictor.refresh();
    }

    @Test
    @Order(1)
    void withTooLittleHistoryTheRunFailsSayingSoAndPredictionsStayOnTheBaseline() {
        Set<Long> few = new HashSet<>(contacts.subList(0, 40)); // about 800 sends
        TrainingWorker worker = worker(new XgboostEngagementTrainer(), only(few));
        long id = worker.start(Trigger.MANUAL).job().id();

        JsonNode job = finished(admin, "/api/v1/models/training-jobs/" + id);

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("modelId").isNull()).isTrue();
        assertThat(job.get("error").asString())
                .startsWith("Not enough data to train a model: ")
                .contains("sends with", "training needs 2,000 sends with 100 opens")
                .endsWith("predictions stay on the baseline.");
        assertThat(RegistryFixtures.count(jdbc, "models")).isZero();
        JsonNode prediction = admin.get("/api/v1/contacts/" + contacts.getFirst() + "/predictions?at=" + param(LATER))
                .json();
        assertThat(prediction.get("source").asString()).isEqualTo("baseline");
        assertThat(prediction.get("modelId").isNull()).isTrue();
        worker.stop();
    }

    @Test
    @Order(2)
    void aModelTrainedThroughTheApiIsActiveServedAndScoresEveryContact() {
        Api.Response started = admin.post("/api/v1/models/engagement/train");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).matches("/api/v1/models/training-jobs/\\d+");
        assertThat(started.json().get("status").asString()).isEqualTo("RUNNING");
        assertThat(started.json().get("trigger").asString()).isEqualTo("MANUAL");
        JsonNode job = finished(admin, location);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long modelId = job.get("modelId").asLong();

        JsonNode model = admin.get("/api/v1/models/" + modelId).json();
        assertThat(model.get("status").asString()).as(model.toString()).isEqualTo("ACTIVE");
        assertThat(model.get("algorithm").asString()).isIn("gradient-boosted-trees", "logistic-regression");
        assertThat(model.get("features").size()).isPositive();
        assertThat(model.at("/trainedOn/examples").asLong()).isGreaterThanOrEqualTo(2000);
        assertThat(model.at("/validatedOn/examples").asLong()).isPositive();
        assertThat(Instant.parse(model.at("/validatedOn/from").asString()))
                .isAfterOrEqualTo(Instant.parse(model.at("/trainedOn/to").asString()));
        for (String metrics : List.of("metrics", "baseline", "clickMetrics", "clickBaseline")) {
            assertThat(model.at("/" + metrics + "/rocAuc").asDouble())
                    .as(metrics)
                    .isBetween(0.5, 1.0);
            assertThat(model.at("/" + metrics + "/logLoss").asDouble())
                    .as(metrics)
                    .isPositive();
            assertThat(model.at("/" + metrics + "/calibration").size())
                    .as(metrics)
                    .isPositive();
        }
        // the activation rule: not worse than the baseline on the same validation sends
        assertThat(model.at("/metrics/rocAuc").asDouble())
                .isGreaterThanOrEqualTo(model.at("/baseline/rocAuc").asDouble());
        assertThat(model.at("/metrics/logLoss").asDouble())
                .isLessThanOrEqualTo(model.at("/baseline/logLoss").asDouble());
        assertThat(model.at("/provenance/activation/decision").asString()).isEqualTo("ACTIVE");
        assertThat(model.at("/provenance/library").asString()).startsWith("xgboost4j");

        // this instance swapped at once (the activation event), and the predictions API says so
        await().atMost(10, TimeUnit.SECONDS).until(() -> Long.valueOf(modelId).equals(predictor.modelId()));
        JsonNode computed = admin.get("/api/v1/contacts/" + contacts.getFirst() + "/predictions?at=" + param(LATER))
                .json();
        assertThat(computed.get("source").asString()).isEqualTo("model");
        assertThat(computed.get("modelId").asLong()).isEqualTo(modelId);

        // the scoring sees a model its last run did not use, and stores every contact's scores with it
        ScoringWorker.Outcome run = scoring.runIfDue().orElseThrow();
        assertThat(run.modelId()).isEqualTo(modelId);
        assertThat(run.source()).isEqualTo("model");
        assertThat(run.contacts()).isGreaterThanOrEqualTo(PEOPLE);
        assertThat(jdbc.sql("SELECT count(*) FROM contact_predictions WHERE model_id = :model AND contact_id IN (:ids)")
                        .param("model", modelId)
                        .param("ids", contacts)
                        .query(Long.class)
                        .single())
                .isEqualTo(PEOPLE);
        JsonNode stored = admin.get("/api/v1/contacts/" + contacts.getFirst() + "/predictions")
                .json();
        assertThat(stored.get("source").asString()).isEqualTo("model");
        assertThat(stored.get("modelId").asLong()).isEqualTo(modelId);
        assertThat(Instant.parse(stored.get("computedAt").asString())).isEqualTo(run.computedAt());
        assertThat(scoring.runIfDue()).isEmpty(); // scored with the active model: nothing due
    }

    @Test
    @Order(3)
    void aWorseModelStaysCandidateAndActivationSwitchesRollsBackAndReachesOtherInstances() {
        long active = predictor.modelId() != null ? predictor.modelId() : trainThroughTheApi();
        EngagementTrainer real = new XgboostEngagementTrainer();
        // trains for real, then reports the active model as better on the same validation sends
        EngagementTrainer worse = (timelines, now, settings, given, progress) -> {
            assertThat(given).as("the trainer is given the active model").isNotNull();
            Outcome outcome = real.train(timelines, now, settings, given, progress);
            return new Outcome(
                    outcome.model(),
                    outcome.reason(),
                    outcome.trainedOn(),
                    outcome.validatedOn(),
                    outcome.metrics(),
                    outcome.baseline(),
                    new EngagementTrainer.Evaluation(
                            better(outcome.metrics().open()),
                            better(outcome.metrics().click())),
                    outcome.provenance());
        };
        TrainingWorker worker = worker(worse, null);
        long id = worker.start(Trigger.MANUAL).job().id();
        JsonNode job = finished(admin, "/api/v1/models/training-jobs/" + id);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        long candidate = job.get("modelId").asLong();
        JsonNode model = admin.get("/api/v1/models/" + candidate).json();
        assertThat(model.get("status").asString()).isEqualTo("CANDIDATE");
        assertThat(model.at("/provenance/activation/reason").asString())
                .contains("worse than the active model " + active);
        assertThat(model.at("/provenance/activation/comparedWith").asLong()).isEqualTo(active);
        assertThat(predictor.modelId()).isEqualTo(active);
        worker.stop();

        ModelPredictor elsewhere = new ModelPredictor(models, baseline);
        assertThat(elsewhere.modelId()).isEqualTo(active);

        // a deliberate switch: this instance serves it at once, the other at its next check
        JsonNode switched =
                admin.post("/api/v1/models/" + candidate + "/activate").json();
        assertThat(switched.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(admin.get("/api/v1/models/" + active).json().get("status").asString())
                .isEqualTo("RETIRED");
        assertThat(predictor.modelId()).isEqualTo(candidate);
        assertThat(admin.get("/api/v1/contacts/" + contacts.getFirst() + "/predictions?at=" + param(LATER))
                        .json()
                        .get("modelId")
                        .asLong())
                .isEqualTo(candidate);
        assertThat(elsewhere.modelId()).isEqualTo(active);
        elsewhere.refresh();
        assertThat(elsewhere.modelId()).isEqualTo(candidate);

        // after an activation, the contacts are scored again in the background with the new model
        ScoringProperties on = new ScoringProperties(
                true,
                Duration.ofHours(24),
                Duration.ofMinutes(1),
                1000,
                2,
                Duration.ofDays(90),
                Duration.ofMinutes(10));
        new Rescoring(predictor, scoring, on).activated(new ModelActivated("engagement", candidate, active));
        await().atMost(2, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.sql("SELECT count(*) FROM contact_predictions WHERE model_id = :model")
                                .param("model", candidate)
                                .query(Long.class)
                                .single()
                        >= PEOPLE);

        // the rollback, twice: the second changes nothing
        for (int i = 0; i < 2; i++) {
            Api.Response rollback = admin.post("/api/v1/models/" + active + "/activate");
            assertThat(rollback.status()).isEqualTo(200);
            assertThat(rollback.json().get("status").asString()).isEqualTo("ACTIVE");
        }
        assertThat(admin.get("/api/v1/models/" + candidate).json().get("status").asString())
                .isEqualTo("RETIRED");
        assertThat(predictor.modelId()).isEqualTo(active);
        elsewhere.refresh();
        assertThat(elsewhere.modelId()).isEqualTo(active);
        assertThat(jdbc.sql("SELECT count(*) FROM models WHERE status = 'ACTIVE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private long trainThroughTheApi() {
        JsonNode job =
                finished(admin, admin.post("/api/v1/models/engagement/train").header("Location"));
        return job.get("modelId").asLong();
    }

    private static Metrics.Report better(Metrics.Report report) {
        return new Metrics.Report(
                Math.min(1, report.rocAuc() + 0.01),
                report.prAuc(),
                report.logLoss() - 0.01,
                report.brier(),
                report.ece(),
                report.liftAt10(),
                report.calibration());
    }

    /** A training worker of its own (another instance) with this trainer, over these timelines (null: all). */
    private TrainingWorker worker(EngagementTrainer trainer, EngagementTimelines only) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("trainer", trainer);
        beans.addBean("timelines", only != null ? only : timelines);
        return new TrainingWorker(
                beans.getBeanProvider(EngagementTrainer.class),
                beans.getBeanProvider(EngagementTimelines.class),
                jobs,
                registry,
                new TrainingProperties(
                        false,
                        Duration.ofHours(24),
                        Duration.ofMinutes(1),
                        2000,
                        100,
                        0.2,
                        2,
                        1_000_000,
                        Duration.ofMinutes(2)),
                clock,
                transactions);
    }

    /** The active contacts' timelines, only those of these contacts. */
    private EngagementTimelines only(Set<Long> ids) {
        EngagementTimelines all = timelines;
        return new EngagementTimelines() {
            @Override
            public Optional<ContactTimeline> of(long contactId) {
                return ids.contains(contactId) ? all.of(contactId) : Optional.empty();
            }

            @Override
            public void forEachActive(Consumer<ContactTimeline> consumer) {
                all.forEachActive(timeline -> {
                    if (ids.contains(timeline.contactId())) {
                        consumer.accept(timeline);
                    }
                });
            }
        };
    }

    /** The job at this path once it is no longer RUNNING. */
    private static JsonNode finished(Api admin, String path) {
        await().atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        !"RUNNING".equals(admin.get(path).json().get("status").asString()));
        return admin.get(path).json();
    }
}
