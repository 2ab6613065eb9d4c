package io.iabulk.intelligence.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.templates.TemplateVariables;
import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.support.H2Databases;
import io.iabulk.support.MutableClock;
import io.iabulk.support.SqlTimelineSources;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Embedded mode (H2) scores and predicts with the same SQL: the batch upsert (a JDBC batch of
 * MERGE … KEY), the ranking MERGE, the reads, the segment conditions and the template variables;
 * and the scoring schedule's rules (due, lease).
 */
class H2PredictionsTest {

    private final MutableClock clock = new MutableClock();
    private JdbcClient jdbc;
    private JdbcPredictionRepository repository;
    private EngagementTimelines timelines;
    private PopulationRates population;
    private ScoringProperties properties;
    private List<Long> engaged;
    private long dormant;

    @BeforeEach
    void migrate() {
        DataSource dataSource = H2Databases.migrated();
        jdbc = JdbcClient.create(dataSource);
        repository = new JdbcPredictionRepository(
                jdbc, new JdbcTemplate(dataSource), dataSource, new DataSourceTransactionManager(dataSource));
        timelines = SqlTimelineSources.timelines(jdbc);
        population = new PopulationRates(repository, clock);
        // batches of 3 on 2 threads: several batches, written concurrently
        properties = new ScoringProperties(
                true, Duration.ofHours(24), Duration.ofMinutes(1), 3, 2, Duration.ofDays(90), Duration.ofMinutes(10));
        clock.pin(Instant.parse("2026-12-07T10:20:00Z"));
        Instant now = clock.instant();
        engaged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = contact("engaged" + i, "Europe/Paris", "ACTIVE");
            engaged.add(id);
            for (int d = 1; d <= 20; d++) {
                Instant sent = now.minus(Duration.ofDays(5L * d))
                        .truncatedTo(ChronoUnit.DAYS)
                        .plus(Duration.ofHours(8));
                history(id, "m" + d, sent, sent.plus(Duration.ofMinutes(5)), sent.plus(Duration.ofMinutes(6)));
            }
        }
        dormant = contact("dormant", null, "ACTIVE");
        for (int d = 1; d <= 20; d++) {
            history(dormant, "m" + d, now.minus(Duration.ofDays(100L + 5 * d)), null, null);
        }
        for (int i = 0; i < 6; i++) {
            contact("new" + i, "Asia/Tokyo", "ACTIVE");
        }
        contact("gone", null, "UNSUBSCRIBED");
    }

    @Test
    void scoresEveryActiveContactAndServesTheStoredWeek() {
        ScoringWorker.Outcome run = worker(baseline()).runOnce("test").orElseThrow();

        assertThat(run.contacts()).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM contact_predictions")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM contact_prediction_hours")).isEqualTo(10);
        assertThat(jdbc.sql("SELECT tier FROM contact_predictions WHERE contact_id = :id")
                        .param("id", dormant)
                        .query(String.class)
                        .single())
                .isEqualTo("DORMANT");
        assertThat(jdbc.sql("SELECT tier FROM contact_predictions WHERE contact_id IN (:ids)")
                        .param("ids", engaged)
                        .query(String.class)
                        .list())
                .containsOnly("HIGH"); // tied: the mid-rank of the top three of ten, 88

        Predictions predictions = new Predictions(repository, timelines, baseline(), properties, clock);
        ContactPrediction stored = predictions.forContact(engaged.getFirst(), clock.instant());
        assertThat(stored.computedAt()).isEqualTo(run.computedAt());
        assertThat(stored.timeZone()).isEqualTo("Europe/Paris");
        assertThat(stored.bestHours()).hasSize(3);
        assertThat(stored.source()).isEqualTo("baseline");
        ContactPrediction later =
                predictions.forContact(engaged.getFirst(), clock.instant().plus(Duration.ofDays(9)));
        assertThat(later.computedAt()).isEqualTo(clock.instant());
        assertThat(later.engagementScore()).isEqualTo(stored.engagementScore());

        // the next run: a contact that is no longer active loses its prediction
        jdbc.sql("UPDATE contacts SET status = 'UNSUBSCRIBED' WHERE id = :id")
                .param("id", dormant)
                .update();
        clock.advance(Duration.ofHours(1));
        assertThat(worker(baseline()).runOnce("test").orElseThrow().contacts()).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM contact_predictions WHERE contact_id = " + dormant))
                .isZero();
        assertThat(count("SELECT count(*) FROM contact_prediction_hours WHERE contact_id = " + dormant))
                .isZero();
    }

    @Test
    void segmentConditionsAndTemplateVariablesReadTheStoredScores() {
        worker(baseline()).runOnce("test");
        PredictionSegmentFields fields = new PredictionSegmentFields();

        assertThat(segmentCount(fields.sql("predictions.tier", "eq", ":v"), "DORMANT"))
                .isEqualTo(1);
        assertThat(segmentCount(fields.sql("predictions.tier", "in", ":v"), List.of("HIGH", "DORMANT")))
                .isEqualTo(1 + count("SELECT count(*) FROM contact_predictions WHERE tier = 'HIGH'"));
        assertThat(segmentCount(fields.sql("predictions.engagementScore", "gte", ":v"), 0))
                .isEqualTo(10);
        assertThat(segmentCount(fields.sql("predictions.openProbability", "gt", ":v"), 1.0))
                .isZero();

        Map<Long, Map<String, Object>> variables =
                new PredictionVariables(repository).variables(List.of(dormant, 987654321L));
        assertThat(variables).containsOnlyKeys(dormant);
        @SuppressWarnings("unchecked")
        Map<String, Object> predictions =
                (Map<String, Object>) variables.get(dormant).get("predictions");
        assertThat(predictions).containsEntry("tier", "DORMANT");
        // the fields campaigns documents, in its order
        assertThat(predictions.keySet()).containsExactlyElementsOf(TemplateVariables.PREDICTIONS_FIELDS);
        assertThat(predictions.get("openProbability").toString()).matches("0(\\.\\d{1,4})?");
    }

    @Test
    void aRunIsDueFirstThenAfterTheIntervalOrWhenAnotherModelIsActive() {
        ScoringWorker worker = worker(baseline());
        assertThat(worker.dueReason()).isEqualTo("first");
        assertThat(worker.runIfDue()).isPresent();

        assertThat(worker.dueReason()).isNull();
        assertThat(worker.runIfDue()).isEmpty();
        assertThat(worker(model(7)).dueReason()).isEqualTo("model 7 active");
        clock.advance(Duration.ofHours(24));
        assertThat(worker.dueReason()).isEqualTo("interval");

        ScoringWorker.Outcome byModel =
                worker(model(7)).runOnce("model 7 active").orElseThrow();
        assertThat(byModel.modelId()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT DISTINCT source FROM contact_predictions")
                        .query(String.class)
                        .list())
                .containsExactly("model");
        assertThat(worker(model(7)).dueReason()).isNull();
        assertThat(worker.dueReason()).isEqualTo("model baseline active"); // a rollback to the baseline
    }

    @Test
    void oneInstanceScoresAtATimeAndAFailedRunKeepsTheLastScores() {
        ScoringWorker.Outcome first = worker(baseline()).runOnce("test").orElseThrow();
        Instant now = clock.instant();
        assertThat(repository.lease("another instance", now.plus(Duration.ofMinutes(10)), now))
                .isTrue();

        assertThat(worker(baseline()).runOnce("test")).isEmpty();

        clock.advance(Duration.ofMinutes(11)); // the other instance died: its lease expires
        EngagementPredictor broken = new EngagementPredictor() {
            @Override
            public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
                throw new IllegalStateException("model file unreadable");
            }

            @Override
            public Long modelId() {
                return 9L;
            }
        };
        ScoringWorker failing = worker(broken);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.runOnce("test"))
                .hasMessageContaining("model file unreadable");
        assertThat(repository.latestAttempt().orElseThrow().status()).isEqualTo("FAILED");
        assertThat(repository.latestSucceeded().orElseThrow().id()).isEqualTo(first.runId());
        assertThat(count("SELECT count(*) FROM contact_predictions WHERE run_id = " + first.runId()))
                .isEqualTo(10);
        assertThat(failing.dueReason()).isNull(); // retried after RETRY_AFTER, not at every check
        clock.advance(ScoringWorker.RETRY_AFTER);
        assertThat(failing.dueReason()).isEqualTo("model 9 active");
    }

    private BaselinePredictor baseline() {
        return new BaselinePredictor(population);
    }

    /** The baseline answering as model {@code id}. */
    private EngagementPredictor model(long id) {
        BaselinePredictor baseline = baseline();
        return new EngagementPredictor() {
            @Override
            public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
                return baseline.predict(timeline, sendTimes);
            }

            @Override
            public Long modelId() {
                return id;
            }
        };
    }

    private ScoringWorker worker(EngagementPredictor predictor) {
        return new ScoringWorker(timelines, predictor, repository, population, properties, clock);
    }

    private long contact(String name, String zone, String status) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, time_zone, created_at, updated_at)
                        VALUES (:email, :email, :status, :zone, :now, :now)
                        """)
                .param("email", name + "@h2.test")
                .param("status", status)
                .param("zone", zone)
                .param("now", Timestamp.from(clock.instant().minus(Duration.ofDays(400))))
                .update(key, "id");
        return key.getKey().longValue();
    }

    private void history(long contact, String message, Instant sent, Instant opened, Instant clicked) {
        jdbc.sql("""
                INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, imported_at)
                VALUES (:contact, :message, :sent, :opened, :clicked, :sent)
                """)
                .param("contact", contact)
                .param("message", message)
                .param("sent", Timestamp.from(sent))
                .param("opened", opened == null ? null : Timestamp.from(opened))
                .param("clicked", clicked == null ? null : Timestamp.from(clicked))
                .update();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long segmentCount(String condition, Object value) {
        return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + condition)
                .param("v", value)
                .query(Long.class)
                .single();
    }
}
