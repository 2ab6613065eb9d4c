package io.iabulk.intelligence.models;

import static io.iabulk.intelligence.models.TestModels.evaluation;
import static io.iabulk.intelligence.models.TestModels.outcome;
import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.Metrics;
import io.iabulk.intelligence.models.TestModels.FixedModel;
import io.iabulk.intelligence.models.TestModels.ScriptedTrainer;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.support.HttpTest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * The registry on the real PostgreSQL and through the API: the models' shape, listing, activation
 * and its rules in the database, validation of ids. Models here come from a scripted trainer (their
 * bytes are not the trainer's, so this version cannot serve them: activating one through the API is
 * a 409); {@code EngagementModelTest} trains real ones.
 */
class ModelRegistryTest extends HttpTest {

    private static final EngagementTrainer.Evaluation BASELINE = evaluation(0.70, 0.45);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcModelRepository models;

    @Autowired
    JdbcTrainingJobRepository jobs;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ModelPredictor predictor;

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<TrainingWorker> workers = new ArrayList<>();
    private ModelRegistry registry;

    @BeforeEach
    void registry() {
        RegistryFixtures.clear(jdbc);
        registry = new ModelRegistry(models, jobs, transactions, events::add, Clock.systemUTC(), FixedModel.READER);
    }

    @AfterEach
    void clear() {
        workers.forEach(TrainingWorker::stop);
        RegistryFixtures.clear(jdbc);
        predictor.refresh();
    }

    @Test
    void aModelIsShownInTheIssuesShapeWithUndefinedMetricsAsNull() {
        Metrics.Report noPositives =
                new Metrics.Report(Double.NaN, Double.NaN, 0.01, 0.001, 0.002, Double.NaN, List.of());
        EngagementTrainer.Evaluation metrics =
                new EngagementTrainer.Evaluation(TestModels.report(0.81, 0.40), noPositives);
        long id = train(outcome(new FixedModel(0.3, 0.04), metrics, BASELINE, null));

        JsonNode model = admin.get("/api/v1/models/" + id).json();

        assertThat(model.propertyNames())
                .containsExactly(
                        "id",
                        "kind",
                        "algorithm",
                        "status",
                        "createdAt",
                        "trainedOn",
                        "validatedOn",
                        "features",
                        "metrics",
                        "baseline",
                        "clickMetrics",
                        "clickBaseline",
                        "provenance");
        assertThat(model.get("id").asLong()).isEqualTo(id);
        assertThat(model.get("kind").asString()).isEqualTo("engagement");
        assertThat(model.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(model.get("trainedOn").propertyNames()).containsExactly("from", "to", "examples", "positives");
        assertThat(model.at("/trainedOn/from").asString()).isEqualTo("2026-09-01T00:00:00Z");
        assertThat(model.at("/validatedOn/examples").asLong()).isEqualTo(2000);
        assertThat(model.at("/validatedOn/positives").asLong()).isEqualTo(400);
        assertThat(model.get("features").size()).isEqualTo(3);
        for (String metric : List.of("metrics", "baseline", "clickMetrics", "clickBaseline")) {
            assertThat(model.get(metric).propertyNames())
                    .as(metric)
                    .containsExactly("rocAuc", "prAuc", "logLoss", "brier", "ece", "liftAt10", "calibration");
        }
        assertThat(model.at("/metrics/rocAuc").asDouble()).isEqualTo(0.81);
        assertThat(model.at("/metrics/calibration/0").propertyNames())
                .containsExactly("predicted", "observed", "count");
        assertThat(model.at("/clickMetrics/rocAuc").isNull()).isTrue();
        assertThat(model.at("/clickMetrics/liftAt10").isNull()).isTrue();
        assertThat(model.at("/clickMetrics/logLoss").asDouble()).isEqualTo(0.01);
        assertThat(model.at("/baseline/rocAuc").asDouble()).isEqualTo(0.70);
        assertThat(model.at("/provenance/library").asString()).isEqualTo("test");
        assertThat(model.at("/provenance/activation/decision").asString()).isEqualTo("ACTIVE");
        assertThat(model.at("/provenance/trainingJob/trigger").asString()).isEqualTo("MANUAL");
    }

    @Test
    void modelsAndJobsAreListedNewestFirstByPages() {
        long first = train(outcome(new FixedModel(0.3, 0.04), evaluation(0.80, 0.40), BASELINE, null));
        long second = train(
                active -> outcome(new FixedModel(0.1, 0.01), evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40)));
        long third = train(
                active -> outcome(new FixedModel(0.2, 0.02), evaluation(0.82, 0.39), BASELINE, evaluation(0.80, 0.40)));

        JsonNode page = admin.get("/api/v1/models?limit=2").json();
        assertThat(page.get("items").findValuesAsString("status")).containsExactly("ACTIVE", "CANDIDATE");
        assertThat(ids(page)).containsExactly(third, second);
        JsonNode next = admin.get("/api/v1/models?limit=2&cursor="
                        + page.get("nextCursor").asString())
                .json();
        assertThat(ids(next)).containsExactly(first);
        assertThat(next.get("items").get(0).get("status").asString()).isEqualTo("RETIRED");
        assertThat(next.get("nextCursor").isNull()).isTrue();

        JsonNode jobs = admin.get("/api/v1/models/training-jobs?limit=1").json();
        assertThat(jobs.at("/items/0/modelId").asLong()).isEqualTo(third);
        assertThat(jobs.at("/items/0/status").asString()).isEqualTo("SUCCEEDED");
        JsonNode job = admin.get(
                        "/api/v1/models/training-jobs/" + jobs.at("/items/0/id").asLong())
                .json();
        assertThat(job.propertyNames())
                .containsExactly(
                        "id", "kind", "status", "trigger", "modelId", "error", "startedAt", "finishedAt", "progress");
    }

    @Test
    void activationThroughTheApiNeedsAModelThisVersionCanRead() {
        long active = train(outcome(new FixedModel(0.3, 0.04), evaluation(0.80, 0.40), BASELINE, null));
        long candidate = train(active2 ->
                outcome(new FixedModel(0.1, 0.01), evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40)));

        assertProblem(admin.post("/api/v1/models/" + candidate + "/activate"), 409, "model-unreadable");
        assertThat(registry.get(candidate).status()).isEqualTo(ModelStatus.CANDIDATE);
        assertThat(registry.get(active).status()).isEqualTo(ModelStatus.ACTIVE);
        // the active one: nothing to change, nothing read
        assertThat(admin.post("/api/v1/models/" + active + "/activate")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        // the predictor of this instance cannot read it either: it keeps the baseline
        predictor.refresh();
        assertThat(predictor.modelId()).isNull();
    }

    @Test
    void idsThatAreNotNumbersAre400AndUnknownOnes404() {
        for (String path : List.of("/api/v1/models/abc", "/api/v1/models/1e3", "/api/v1/models/99999999999999999999")) {
            assertInvalid(admin.get(path), "id");
        }
        assertInvalid(admin.get("/api/v1/models/training-jobs/x"), "id");
        assertInvalid(admin.post("/api/v1/models/x/activate"), "id");
        assertInvalid(admin.get("/api/v1/models?cursor=abc"), "cursor");
        assertInvalid(admin.get("/api/v1/models?limit=0"), "limit");
        assertInvalid(admin.get("/api/v1/models/training-jobs?limit=201"), "limit");
        assertProblem(admin.get("/api/v1/models/987654321"), 404, "not-found");
        assertProblem(admin.get("/api/v1/models/training-jobs/987654321"), 404, "not-found");
        assertProblem(admin.post("/api/v1/models/987654321/activate"), 404, "not-found");
        assertThat(api.post("/api/v1/models/engagement/train").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/models").status()).isEqualTo(401);
        assertThat(RegistryFixtures.count(jdbc, "training_jobs")).isZero();
    }

    @Test
    void postgresHoldsAtMostOneActiveModelAndKeepsStatusInStepWithIt() {
        train(outcome(new FixedModel(0.3, 0.04), evaluation(0.80, 0.40), BASELINE, null));
        long candidate = train(
                active -> outcome(new FixedModel(0.1, 0.01), evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40)));

        assertThatThrownBy(() -> jdbc.sql("UPDATE models SET status = 'ACTIVE', active_kind = kind WHERE id = :id")
                        .param("id", candidate)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE models SET status = 'ACTIVE' WHERE id = :id")
                        .param("id", candidate)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE training_jobs SET status = 'DONE'").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void concurrentActivationsTakeTurnsAndLeaveExactlyOneActiveModel() throws Exception {
        List<Long> ids = new ArrayList<>();
        ids.add(train(outcome(new FixedModel(0.3, 0.04), evaluation(0.80, 0.40), BASELINE, null)));
        for (int i = 0; i < 3; i++) {
            ids.add(train(active ->
                    outcome(new FixedModel(0.1, 0.01), evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(ids.size());
                List<Future<RegisteredModel>> answers = new ArrayList<>();
                for (long id : ids) {
                    answers.add(pool.submit(() -> {
                        start.await(5, TimeUnit.SECONDS);
                        return registry.activate(id);
                    }));
                }
                for (Future<RegisteredModel> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS).id()).isPositive(); // none failed
                }
                assertThat(jdbc.sql("SELECT count(*) FROM models WHERE status = 'ACTIVE'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        // every switch announced the model it replaced: the chain of activations has no gap
        assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOf(ModelActivated.class));
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    /** Trains one model with the scripted outcome; its id. */
    private long train(EngagementTrainer.Outcome outcome) {
        return train(active -> outcome);
    }

    private long train(
            java.util.function.Function<io.iabulk.intelligence.learning.EngagementModel, EngagementTrainer.Outcome>
                    outcome) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("trainer", new ScriptedTrainer().then(outcome));
        beans.addBean("timelines", new EngagementTimelines() {
            @Override
            public Optional<ContactTimeline> of(long contactId) {
                return Optional.empty();
            }

            @Override
            public void forEachActive(Consumer<ContactTimeline> consumer) {}
        });
        TrainingWorker worker = new TrainingWorker(
                beans.getBeanProvider(EngagementTrainer.class),
                beans.getBeanProvider(EngagementTimelines.class),
                jobs,
                registry,
                H2ModelRegistryTest.properties(),
                Clock.systemUTC(),
                transactions);
        workers.add(worker);
        long job = worker.start(Trigger.MANUAL).job().id();
        await().atMost(10, TimeUnit.SECONDS).until(() -> !worker.job(job).running());
        TrainingJob done = worker.job(job);
        assertThat(done.status()).as(done.error()).isEqualTo(TrainingJob.Status.SUCCEEDED);
        return done.modelId();
    }
}
