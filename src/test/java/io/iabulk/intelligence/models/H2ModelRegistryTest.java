package io.iabulk.intelligence.models;

import static io.iabulk.intelligence.models.TestModels.evaluation;
import static io.iabulk.intelligence.models.TestModels.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.models.TestModels.FixedModel;
import io.iabulk.intelligence.models.TestModels.ScriptedTrainer;
import io.iabulk.intelligence.models.TrainingJob.Status;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import io.iabulk.platform.NotFoundException;
import io.iabulk.support.H2Databases;
import io.iabulk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's rules on the embedded database (H2) with a scripted trainer: a training run stores
 * its model with the end of its job, the first model that beats the baseline becomes ACTIVE, a worse
 * one stays CANDIDATE, activation switches and rolls back, a predictor on another instance follows,
 * and a run that fails or whose instance stops leaves no model and a FAILED job.
 */
class H2ModelRegistryTest {

    private final MutableClock clock = new MutableClock();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<TrainingWorker> workers = new CopyOnWriteArrayList<>();
    private JdbcClient jdbc;
    private JdbcModelRepository models;
    private JdbcTrainingJobRepository jobs;
    private DataSourceTransactionManager transactions;
    private ModelRegistry registry;

    private static final FixedModel FIRST = new FixedModel(0.3, 0.04);
    private static final FixedModel SECOND = new FixedModel(0.1, 0.01);
    private static final EngagementTrainer.Evaluation BASELINE = evaluation(0.70, 0.45);

    @BeforeEach
    void migrate() {
        DataSource dataSource = H2Databases.migrated();
        jdbc = JdbcClient.create(dataSource);
        models = new JdbcModelRepository(jdbc, JsonMapper.builder().build());
        jobs = new JdbcTrainingJobRepository(jdbc);
        transactions = new DataSourceTransactionManager(dataSource);
        registry = new ModelRegistry(models, jobs, transactions, events::add, clock, FixedModel.READER);
        clock.pin(Instant.parse("2026-12-07T10:00:00Z"));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(TrainingWorker::stop);
    }

    @Test
    void theFirstModelBecomesActiveAndAWorseOneStaysCandidate() {
        ScriptedTrainer trainer = new ScriptedTrainer()
                .then(outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null))
                .then(active -> outcome(SECOND, evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40)));
        TrainingWorker worker = worker(trainer);

        TrainingJob first = finished(worker, worker.start(Trigger.MANUAL).job().id());

        assertThat(first.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(first.error()).isNull();
        assertThat(first.trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(first.progress().stage()).isEqualTo("reading");
        RegisteredModel model = registry.get(first.modelId());
        assertThat(model.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(model.kind()).isEqualTo("engagement");
        assertThat(model.algorithm()).isEqualTo("logistic-regression");
        assertThat(model.features()).containsExactly("recency", "frequency", "localHour");
        assertThat(model.trainedOn())
                .isEqualTo(new EngagementTrainer.Window(TestModels.T0, TestModels.CUT, 8000, 1600));
        assertThat(model.validatedOn().examples()).isEqualTo(2000);
        assertThat(model.metrics().rocAuc()).isEqualTo(0.80);
        assertThat(model.metrics().logLoss()).isEqualTo(0.40);
        assertThat(model.metrics().calibration()).containsExactly(new ModelMetrics.Bin(0.21, 0.2, 1000));
        assertThat(model.baseline().rocAuc()).isEqualTo(0.70);
        assertThat(model.clickMetrics().rocAuc()).isEqualTo(0.75);
        assertThat(model.provenance()).containsEntry("library", "test").containsKey("activation");
        assertThat(events).containsExactly(new ModelActivated("engagement", first.modelId(), null));

        TrainingJob second =
                finished(worker, worker.start(Trigger.SCHEDULED).job().id());

        assertThat(second.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(trainer.activeGiven.get(1)).isEqualTo(FIRST); // measured against the active model
        RegisteredModel candidate = registry.get(second.modelId());
        assertThat(candidate.status()).isEqualTo(ModelStatus.CANDIDATE);
        assertThat(candidate.provenance().get("activation").toString())
                .contains("CANDIDATE", "worse than the active model " + first.modelId());
        assertThat(registry.get(first.modelId()).status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(events).hasSize(1);
        assertThat(registry.list(null, 10).items())
                .extracting(RegisteredModel::id)
                .containsExactly(second.modelId(), first.modelId());
        assertThat(registry.list(null, 1).nextCursor()).isEqualTo(Long.toString(second.modelId()));
        assertThat(registry.list(second.modelId(), 1).items())
                .extracting(RegisteredModel::id)
                .containsExactly(first.modelId());
    }

    @Test
    void activationSwitchesAndRollsBackAndEveryInstanceFollows() {
        TrainingWorker worker = worker(new ScriptedTrainer()
                .then(outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null))
                .then(outcome(SECOND, evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40))));
        long first = finished(worker, worker.start(Trigger.MANUAL).job().id()).modelId();
        long second = finished(worker, worker.start(Trigger.MANUAL).job().id()).modelId();
        ModelPredictor here = predictor();
        ModelPredictor elsewhere = predictor();
        assertThat(here.modelId()).isEqualTo(first);
        assertThat(elsewhere.modelId()).isEqualTo(first);
        assertThat(elsewhere.source()).isEqualTo("model");
        assertThat(open(elsewhere)).isEqualTo(FIRST.open());

        RegisteredModel switched = registry.activate(second);

        assertThat(switched.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(registry.get(first).status()).isEqualTo(ModelStatus.RETIRED);
        assertThat(events).last().isEqualTo(new ModelActivated("engagement", second, first));
        assertThat(elsewhere.modelId()).isEqualTo(first); // until its check
        elsewhere.refresh();
        assertThat(elsewhere.modelId()).isEqualTo(second);
        assertThat(open(elsewhere)).isEqualTo(SECOND.open());

        int before = events.size();
        assertThat(registry.activate(second).status()).isEqualTo(ModelStatus.ACTIVE); // idempotent
        assertThat(events).hasSize(before);

        registry.activate(first); // the rollback
        here.refresh();
        assertThat(here.modelId()).isEqualTo(first);
        assertThat(registry.get(second).status()).isEqualTo(ModelStatus.RETIRED);
        assertThat(count("SELECT count(*) FROM models WHERE status = 'ACTIVE'")).isEqualTo(1);
        assertThatThrownBy(() -> registry.activate(999_999)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDatabaseHoldsAtMostOneActiveModel() {
        TrainingWorker worker = worker(new ScriptedTrainer()
                .then(outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null))
                .then(outcome(SECOND, evaluation(0.79, 0.41), BASELINE, evaluation(0.80, 0.40))));
        finished(worker, worker.start(Trigger.MANUAL).job().id());
        long candidate =
                finished(worker, worker.start(Trigger.MANUAL).job().id()).modelId();

        assertThatThrownBy(() -> jdbc.sql("UPDATE models SET status = 'ACTIVE', active_kind = kind WHERE id = :id")
                        .param("id", candidate)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void withoutEnoughDataTheRunFailsAndPredictionsStayOnTheBaseline() {
        TrainingWorker worker = worker(new ScriptedTrainer().then(TestModels.notEnough()));

        TrainingJob job = finished(worker, worker.start(Trigger.MANUAL).job().id());

        assertThat(job.status()).isEqualTo(Status.FAILED);
        assertThat(job.modelId()).isNull();
        assertThat(job.error())
                .isEqualTo("Not enough data to train a model: 120 sends with 7 opens; training needs 2,000 sends with"
                        + " 100 opens; predictions stay on the baseline.");
        assertThat(count("SELECT count(*) FROM models")).isZero();
        ModelPredictor predictor = predictor();
        assertThat(predictor.modelId()).isNull();
        assertThat(predictor.source()).isEqualTo("baseline");
        assertThat(open(predictor)).isEqualTo(0.2, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void aRunThatThrowsFailsWithItsMessageAndWritesNoModel() {
        TrainingWorker worker = worker(new ScriptedTrainer().then(active -> {
            throw new IllegalStateException("the features ran out of memory");
        }));

        TrainingJob job = finished(worker, worker.start(Trigger.MANUAL).job().id());

        assertThat(job.status()).isEqualTo(Status.FAILED);
        assertThat(job.error()).contains("IllegalStateException: the features ran out of memory");
        assertThat(count("SELECT count(*) FROM models")).isZero();
        assertThat(count("SELECT count(*) FROM model_kinds WHERE holder IS NOT NULL"))
                .isZero();
    }

    @Test
    void aSecondRequestWhileOneRunsAnswersTheRunningJob() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        TrainingWorker worker = worker(new ScriptedTrainer().then(active -> {
            waitFor(release);
            return outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null);
        }));
        TrainingWorker.Started first = worker.start(Trigger.MANUAL);
        TrainingWorker.Started second = worker(new ScriptedTrainer()).start(Trigger.MANUAL); // another instance

        assertThat(first.started()).isTrue();
        assertThat(second.started()).isFalse();
        assertThat(second.job().id()).isEqualTo(first.job().id());
        assertThat(second.job().status()).isEqualTo(Status.RUNNING);
        assertThat(worker.runIfDue()).isEmpty();

        release.countDown();
        assertThat(finished(worker, first.job().id()).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(count("SELECT count(*) FROM training_jobs")).isEqualTo(1);
    }

    @Test
    void aRunOfOneKindNeitherWaitsForNorAnswersARunOfAnother() {
        CountDownLatch release = new CountDownLatch(1);
        TrainingWorker worker = worker(new ScriptedTrainer().then(active -> {
                    waitFor(release);
                    return outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null);
                }))
                .add(new ReferralRiskTraining(
                        (after, afterId, limit) -> List.of(),
                        registry,
                        new ReferralRiskProperties(Duration.ofHours(24), 200, 30, 0.2, 100_000)));
        long engagement = worker.start(Trigger.MANUAL).job().id();

        TrainingWorker.Started risk = worker.start(JdbcModelRepository.REFERRAL_RISK, Trigger.MANUAL);

        assertThat(risk.started()).isTrue();
        assertThat(risk.job().kind()).isEqualTo("referral-risk");
        TrainingJob failed = finished(worker, risk.job().id());
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error())
                .isEqualTo("Not enough decisions to train a referral risk model: 0 decisions on referrals held for "
                        + "their risk (0 approved, 0 rejected); training needs 200 with at least 30 approved and 30 "
                        + "rejected; the rules alone keep scoring referrals.");
        assertThat(worker.job(engagement).status()).isEqualTo(Status.RUNNING);

        release.countDown();
        assertThat(finished(worker, engagement).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(registry.list("referral-risk", null, 10).items()).isEmpty();
        assertThat(registry.list("engagement", null, 10).items()).hasSize(1);
    }

    @Test
    void aRunWhoseInstanceStoppedIsFailedWhenItsLeaseExpiresAndItsModelIsNeverStored() {
        CountDownLatch release = new CountDownLatch(1);
        TrainingWorker stalled = worker(new ScriptedTrainer().then(active -> {
            waitFor(release);
            return outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null);
        }));
        long lost = stalled.start(Trigger.MANUAL).job().id();
        TrainingWorker other = worker(new ScriptedTrainer().then(TestModels.notEnough()));
        assertThat(other.job(lost).status()).isEqualTo(Status.RUNNING);

        clock.advance(Duration.ofMinutes(3)); // past the 2 min lease, never renewed

        TrainingJob expired = other.job(lost);
        assertThat(expired.status()).isEqualTo(Status.FAILED);
        assertThat(expired.error()).contains("lease expired");
        TrainingWorker.Started next = other.start(Trigger.MANUAL);
        assertThat(next.started()).isTrue();
        assertThat(finished(other, next.job().id()).status()).isEqualTo(Status.FAILED);

        release.countDown(); // the stalled run ends: its lease is gone, so it stores nothing
        await().atMost(10, TimeUnit.SECONDS).until(stalled::idle);
        assertThat(count("SELECT count(*) FROM models")).isZero();
        assertThat(stalled.job(lost).error()).contains("lease expired");
        assertThat(events).isEmpty();
    }

    @Test
    void aScheduledRunIsDueWhenNoneRanAnHourAfterAFailedOneAndAnIntervalAfterASuccess() {
        TrainingWorker worker = worker(new ScriptedTrainer()
                .then(TestModels.notEnough())
                .then(outcome(FIRST, evaluation(0.80, 0.40), BASELINE, null)));

        TrainingJob failed = worker.runIfDue().orElseThrow().job();
        assertThat(failed.trigger()).isEqualTo(Trigger.SCHEDULED);
        assertThat(finished(worker, failed.id()).status()).isEqualTo(Status.FAILED);
        clock.advance(Duration.ofMinutes(59));
        assertThat(worker.runIfDue()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        TrainingJob succeeded = worker.runIfDue().orElseThrow().job(); // history may have arrived since
        assertThat(finished(worker, succeeded.id()).status()).isEqualTo(Status.SUCCEEDED);
        clock.advance(Duration.ofHours(23));
        assertThat(worker.runIfDue()).isEmpty();
        clock.advance(Duration.ofHours(1));
        assertThat(worker.runIfDue()).isPresent();
    }

    private TrainingWorker worker(EngagementTrainer trainer) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("trainer", trainer);
        beans.addBean("timelines", new NoTimelines());
        TrainingWorker worker = new TrainingWorker(
                beans.getBeanProvider(EngagementTrainer.class),
                beans.getBeanProvider(EngagementTimelines.class),
                jobs,
                registry,
                properties(),
                clock,
                transactions);
        workers.add(worker);
        return worker;
    }

    static TrainingProperties properties() {
        return new TrainingProperties(
                false,
                Duration.ofHours(24),
                Duration.ofMinutes(1),
                2000,
                100,
                0.2,
                1,
                1_000_000,
                Duration.ofMinutes(2));
    }

    private ModelPredictor predictor() {
        return new ModelPredictor(
                models, new BaselinePredictor(() -> BaselinePredictor.Population.PRIOR), FixedModel.READER);
    }

    private static double open(ModelPredictor predictor) {
        ContactTimeline nobody = new ContactTimeline(
                1, "a@example.com", ZoneOffset.UTC, TestModels.T0, ContactTimeline.ContestFacts.NONE, List.of());
        return predictor.predict(nobody, List.of(TestModels.T1)).getFirst().open();
    }

    private static TrainingJob finished(TrainingWorker worker, long id) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> !worker.job(id).running());
        return worker.job(id);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The scripted trainer reads no timeline. */
    private static final class NoTimelines implements EngagementTimelines {

        @Override
        public java.util.Optional<ContactTimeline> of(long contactId) {
            return java.util.Optional.empty();
        }

        @Override
        public void forEachActive(java.util.function.Consumer<ContactTimeline> consumer) {}
    }
}
