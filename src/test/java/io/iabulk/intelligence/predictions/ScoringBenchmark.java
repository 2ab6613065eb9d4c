package io.iabulk.intelligence.predictions;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.PastSend;
import io.iabulk.intelligence.learning.EngagementModel;
import io.iabulk.intelligence.learning.EngagementModels;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.XgboostEngagementTrainer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The batch scoring of {@code bench/intelligence/scoring.sh} (a main program, not a test nor JMH): N contacts with
 * synthetic timelines (generated in memory, deterministic by seed: about 20 past sends each over 200
 * days, per-person open rates, six time zones), scored by the baseline and stored in a PostgreSQL
 * schema of its own, run after run. Prints each run's time split into the pass (predict 168 hours
 * per contact and upsert in batches) and the ranking statement.
 *
 * <p>With a seventh argument {@code model=N}, a model is first trained by the real trainer on the
 * timelines of the first N contacts, written to bytes and read back as the registry serves it, and
 * it scores instead of the baseline (the scoring run of an ACTIVE model).
 *
 * <p>Arguments: JDBC URL, schema, contacts, runs, threads, batch size[, model=N].
 */
public final class ScoringBenchmark {

    private ScoringBenchmark() {}

    public static void main(String[] args) {
        String url = args[0];
        String schema = args[1];
        int contacts = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int batch = Integer.parseInt(args[5]);
        Flyway.configure()
                .dataSource(url, "postgres", "")
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load()
                .migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername("postgres");
        config.setMaximumPoolSize(threads + 2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcPredictionRepository repository = new JdbcPredictionRepository(
                    JdbcClient.create(dataSource),
                    new JdbcTemplate(dataSource),
                    dataSource,
                    new DataSourceTransactionManager(dataSource));
            Clock clock = Clock.systemUTC();
            PopulationRates population = new PopulationRates(repository, clock);
            ScoringProperties properties = new ScoringProperties(
                    true,
                    Duration.ofHours(24),
                    Duration.ofMinutes(1),
                    batch,
                    threads,
                    Duration.ofDays(90),
                    Duration.ofMinutes(10));
            EngagementPredictor predictor = args.length > 6 && args[6].startsWith("model=")
                    ? trained(Integer.parseInt(args[6].substring("model=".length())), clock.instant(), threads)
                    : new BaselinePredictor(population);
            ScoringWorker worker = new ScoringWorker(
                    new SyntheticTimelines(contacts, clock.instant()),
                    predictor,
                    repository,
                    population,
                    properties,
                    clock);
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                ScoringWorker.Outcome outcome = worker.runOnce("benchmark").orElseThrow();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "run %d: %,d contacts scored in %.1f s (%,.0f contacts/s; failed %d)%n",
                        run, outcome.contacts(), seconds, outcome.contacts() / seconds, outcome.failed());
            }
        }
    }

    /** A model trained on the first {@code contacts} synthetic timelines, through its bytes. */
    private static EngagementPredictor trained(int contacts, Instant now, int threads) {
        long started = System.nanoTime();
        EngagementTrainer.Outcome outcome = new XgboostEngagementTrainer()
                .train(
                        new SyntheticTimelines(contacts, now),
                        now,
                        new EngagementTrainer.Settings(2000, 100, 0.2, threads, 1_000_000),
                        null,
                        EngagementTrainer.Progress.NONE);
        if (!outcome.trained()) {
            throw new IllegalStateException("no model: " + outcome.reason());
        }
        byte[] bytes = outcome.model().toBytes();
        EngagementModel model = EngagementModels.read(bytes);
        System.out.printf(
                "model: %s trained on %,d contacts' %,d sends in %.1f s, %,d bytes; validation ROC-AUC %.4f"
                        + " (baseline %.4f)%n",
                model.algorithm(),
                contacts,
                outcome.trainedOn().examples(),
                (System.nanoTime() - started) / 1e9,
                bytes.length,
                outcome.metrics().open().rocAuc(),
                outcome.baseline().open().rocAuc());
        return new EngagementPredictor() {
            @Override
            public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
                return model.predict(timeline, sendTimes);
            }

            @Override
            public Long modelId() {
                return 1L;
            }
        };
    }

    /**
     * Timelines made up on the fly, in contact id order: per person a latent open rate (Beta-like,
     * mean about 0.25), a click rate given an open, a preferred local hour, and 10 to 30 past sends.
     */
    public static final class SyntheticTimelines implements EngagementTimelines {

        private static final List<ZoneId> ZONES = List.of(
                ZoneId.of("Europe/Paris"),
                ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Tokyo"),
                ZoneId.of("UTC"),
                ZoneId.of("Europe/Berlin"),
                ZoneId.of("America/Sao_Paulo"));

        private final int contacts;
        private final Instant now;

        public SyntheticTimelines(int contacts, Instant now) {
            this.contacts = contacts;
            this.now = now;
        }

        @Override
        public Optional<ContactTimeline> of(long contactId) {
            return contactId >= 1 && contactId <= contacts ? Optional.of(timeline(contactId)) : Optional.empty();
        }

        @Override
        public void forEachActive(Consumer<ContactTimeline> consumer) {
            for (long id = 1; id <= contacts; id++) {
                consumer.accept(timeline(id));
            }
        }

        ContactTimeline timeline(long id) {
            SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
            double openRate = Math.pow(random.nextDouble(), 2.5);
            double clickGivenOpen = 0.05 + 0.2 * random.nextDouble();
            int sends = 10 + random.nextInt(21);
            List<PastSend> past = new ArrayList<>(sends);
            Instant first = now.minus(Duration.ofDays(200));
            for (int i = 0; i < sends; i++) {
                Instant sent = first.plusSeconds(random.nextLong(200L * 86_400));
                Instant opened = random.nextDouble() < openRate ? sent.plusSeconds(random.nextLong(86_400)) : null;
                Instant clicked = opened != null && random.nextDouble() < clickGivenOpen
                        ? opened.plusSeconds(random.nextLong(600))
                        : null;
                past.add(new PastSend(
                        sent,
                        opened,
                        clicked,
                        opened == null ? 0 : 1,
                        clicked == null ? 0 : 1,
                        null,
                        null,
                        null,
                        true));
            }
            past.sort((a, b) -> a.sentAt().compareTo(b.sentAt()));
            return new ContactTimeline(
                    id,
                    "user" + id + "@example.com",
                    ZONES.get((int) (id % ZONES.size())),
                    first,
                    ContactTimeline.ContestFacts.NONE,
                    past);
        }
    }
}
