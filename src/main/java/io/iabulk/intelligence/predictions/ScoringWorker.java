package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.predictions.BaselinePredictor.Population;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Run;
import io.iabulk.intelligence.predictions.Scorer.Scored;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scores every active contact and stores the scores (docs/decisions/0019, "Predictions"): when the
 * last run is older than {@code iabulk.intelligence.scoring.interval}, and when the active model is
 * no longer the one the last run used (an activation, a rollback, the first model), which each
 * instance's predictor shows within a minute of the switch. One instance scores at a time, under a
 * lease in the database.
 *
 * <p>A run reads the timelines in pages ({@link EngagementTimelines#forEachActive}), scores batches
 * on {@code threads} threads (each batch: the predictor for the 168 hours of the coming week, then
 * one upsert), then ranks the run's rows into scores and tiers in one statement. In-flight batches
 * are bounded, so memory is too. The same pass learns the baseline's population rates.
 */
@Component
public class ScoringWorker {

    private static final Logger log = LoggerFactory.getLogger(ScoringWorker.class);

    /** How long a failed run waits before the next try, so a lasting fault is not retried every check. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final EngagementTimelines timelines;
    private final EngagementPredictor predictor;
    private final JdbcPredictionRepository repository;
    private final PopulationRates population;
    private final ScoringProperties properties;
    private final Clock clock;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    ScoringWorker(
            EngagementTimelines timelines,
            EngagementPredictor predictor,
            JdbcPredictionRepository repository,
            PopulationRates population,
            ScoringProperties properties,
            Clock clock) {
        this.timelines = timelines;
        this.predictor = predictor;
        this.repository = repository;
        this.population = population;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${iabulk.intelligence.scoring.check-interval:1m}",
            initialDelayString = "${iabulk.intelligence.scoring.check-interval:1m}")
    void scheduled() {
        if (properties.enabled()) {
            try {
                runIfDue();
            } catch (RuntimeException e) {
                // a failed run is logged and recorded by runOnce; this is the check itself failing
                log.warn("Could not check or run the scoring: {}", e.toString());
            }
        }
    }

    /** What a run did. */
    public record Outcome(long runId, Instant computedAt, long contacts, long failed, Long modelId, String source) {}

    /** Scores when a run is due (see the class comment); empty when none was, or another instance holds the lease. */
    public Optional<Outcome> runIfDue() {
        String reason = dueReason();
        return reason == null ? Optional.empty() : runOnce(reason);
    }

    /** Why a run is due now, or null. */
    String dueReason() {
        Instant now = clock.instant();
        Optional<Run> attempt = repository.latestAttempt();
        if (attempt.isPresent()
                && "FAILED".equals(attempt.get().status())
                && attempt.get().startedAt().isAfter(now.minus(RETRY_AFTER))) {
            return null;
        }
        Optional<Run> last = repository.latestSucceeded();
        if (last.isEmpty()) {
            return "first";
        }
        if (!Objects.equals(last.get().modelId(), predictor.modelId())
                || !Objects.equals(last.get().source(), predictor.source())) {
            return "model " + (predictor.modelId() == null ? "baseline" : predictor.modelId()) + " active";
        }
        if (!last.get().startedAt().isAfter(now.minus(properties.interval()))) {
            return "interval";
        }
        return null;
    }

    /**
     * Scores every active contact now, whatever the schedule says; empty when another instance
     * holds the lease.
     */
    public synchronized Optional<Outcome> runOnce(String reason) {
        EngagementTimelines source = timelines;
        // the databases keep microseconds: the run's time as stored is the one its hours are computed from
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!repository.lease(holder, now.plus(properties.lease()), now)) {
            log.debug("Contacts not scored here: another instance holds the scoring lease");
            return Optional.empty();
        }
        int abandoned = repository.abandonRunning(now);
        if (abandoned > 0) {
            log.warn("{} scoring run(s) left RUNNING by a stopped instance marked FAILED", abandoned);
        }
        Long modelId = predictor.modelId();
        String predictorSource = predictor.source();
        long run = repository.startRun(now, reason, modelId, predictorSource);
        try {
            if (modelId == null && population.learned().isEmpty()) {
                // the baseline shrinks towards the population's rates: learn them before the first run
                Population.Accumulator first = new Population.Accumulator(now);
                source.forEachActive(first::add);
                population.use(first.build());
            }
            Pass pass = new Pass(run, modelId, predictorSource, now);
            pass.run(source);
            long ranking = System.nanoTime();
            ScoreFloors floors = repository.finish(run);
            long rankingMillis = (System.nanoTime() - ranking) / 1_000_000;
            Population learned = pass.population();
            repository.succeed(run, clock.instant(), pass.scored.get(), pass.failed.get(), floors, learned.encode());
            population.use(learned);
            Outcome outcome = new Outcome(run, now, pass.scored.get(), pass.failed.get(), modelId, predictorSource);
            log.info(
                    "Scored {} active contacts ({}, {}) in {} ms: predicting {} ms and writing {} ms on {} threads,"
                            + " ranking {} ms{}",
                    outcome.contacts(),
                    reason,
                    modelId == null ? "baseline" : "model " + modelId,
                    Duration.between(now, clock.instant()).toMillis(),
                    pass.predictNanos.get() / 1_000_000,
                    pass.writeNanos.get() / 1_000_000,
                    properties.threads(),
                    rankingMillis,
                    pass.failed.get() == 0 ? "" : "; " + pass.failed.get() + " failed and keep no prediction");
            return Optional.of(outcome);
        } catch (RuntimeException e) {
            log.error("Scoring run {} failed; the stored predictions stay those of the last run", run, e);
            repository.fail(run, clock.instant(), String.valueOf(e));
            throw e;
        } finally {
            repository.release(holder);
        }
    }

    /** One run's pass over the timelines: batches scored and written on a few threads. */
    private final class Pass {

        private final long run;
        private final Long modelId;
        private final String source;
        private final Instant asOf;
        private final List<Instant> sendTimes;
        private final AtomicLong scored = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong predictNanos = new AtomicLong();
        private final AtomicLong writeNanos = new AtomicLong();
        private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        private final List<Population.Accumulator> accumulators = new ArrayList<>();
        private final ThreadLocal<Population.Accumulator> accumulator;
        private Instant leaseRenewedAt;

        Pass(long run, Long modelId, String source, Instant asOf) {
            this.run = run;
            this.modelId = modelId;
            this.source = source;
            this.asOf = asOf;
            this.sendTimes = HourProfile.sendTimes(asOf);
            this.leaseRenewedAt = asOf;
            this.accumulator = ThreadLocal.withInitial(() -> {
                Population.Accumulator a = new Population.Accumulator(asOf);
                synchronized (accumulators) {
                    accumulators.add(a);
                }
                return a;
            });
        }

        void run(EngagementTimelines timelines) {
            int threads = properties.threads();
            ExecutorService pool = Executors.newFixedThreadPool(
                    threads,
                    Thread.ofPlatform()
                            .name("prediction-scoring-", 1)
                            .priority(Thread.NORM_PRIORITY - 1)
                            .daemon(true)
                            .factory());
            // bounded in-flight batches: the reader waits when the scorers are behind
            Semaphore inFlight = new Semaphore(threads * 2);
            List<Future<?>> futures = new ArrayList<>();
            try {
                List<ContactTimeline> batch = new ArrayList<>(properties.batchSize());
                timelines.forEachActive(timeline -> {
                    batch.add(timeline);
                    if (batch.size() == properties.batchSize()) {
                        futures.add(submit(pool, inFlight, List.copyOf(batch)));
                        batch.clear();
                        futures.removeIf(Future::isDone);
                        renewLease();
                    }
                });
                if (!batch.isEmpty()) {
                    futures.add(submit(pool, inFlight, List.copyOf(batch)));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Scoring interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r
                        ? r
                        : new IllegalStateException("A scoring batch failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
            if (scored.get() == 0 && firstFailure.get() != null) {
                throw firstFailure.get(); // nothing could be scored: the predictor is broken, keep the last run
            }
        }

        private Future<?> submit(ExecutorService pool, Semaphore inFlight, List<ContactTimeline> batch) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Scoring interrupted", e);
            }
            return pool.submit(() -> {
                try {
                    score(batch);
                } finally {
                    inFlight.release();
                }
            });
        }

        private void score(List<ContactTimeline> batch) {
            long started = System.nanoTime();
            List<Scored> rows = new ArrayList<>(batch.size());
            Population.Accumulator rates = accumulator.get();
            for (ContactTimeline timeline : batch) {
                rates.add(timeline);
                try {
                    rows.add(Scorer.score(timeline, predictor, asOf, sendTimes, properties.dormantAfter()));
                } catch (RuntimeException e) {
                    // one contact the predictor cannot answer loses its prediction, not the run
                    if (firstFailure.compareAndSet(null, e)) {
                        log.warn("Contact {} could not be scored", timeline.contactId(), e);
                    }
                    failed.incrementAndGet();
                }
            }
            long predicted = System.nanoTime();
            repository.write(run, modelId, source, asOf, rows);
            writeNanos.addAndGet(System.nanoTime() - predicted);
            predictNanos.addAndGet(predicted - started);
            scored.addAndGet(rows.size());
        }

        private void renewLease() {
            Instant now = clock.instant();
            if (Duration.between(leaseRenewedAt, now)
                            .compareTo(properties.lease().dividedBy(3))
                    > 0) {
                if (!repository.lease(holder, now.plus(properties.lease()), now)) {
                    throw new IllegalStateException("The scoring lease was lost to another instance");
                }
                leaseRenewedAt = now;
            }
        }

        Population population() {
            Population.Accumulator all = new Population.Accumulator(asOf);
            synchronized (accumulators) {
                accumulators.forEach(all::merge);
            }
            return all.build();
        }
    }
}
