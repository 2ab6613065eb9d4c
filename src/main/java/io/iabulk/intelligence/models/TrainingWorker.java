package io.iabulk.intelligence.models;

import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import io.iabulk.intelligence.models.JdbcTrainingJobRepository.Lease;
import io.iabulk.intelligence.models.ModelRegistry.ActiveModel;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Page;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Training runs of the engagement model (docs/decisions/0019, "Registry, training runs and
 * activation"), started by the API or every {@code iabulk.intelligence.training.interval}. One
 * instance trains at a time: a run starts by taking the kind's lease (its job row is written in the
 * same transaction) and renews it every third of {@code lease} while it runs; a run whose instance
 * stopped is marked FAILED once its lease has expired. Runs execute on one thread of this instance
 * (low priority), never on a request's thread; the model and the end of the job are written in one
 * transaction, so a run that fails leaves only its FAILED job.
 */
@Component
public class TrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

    /** How long after a failed run (too little data, an error) the schedule tries again. */
    static final Duration RETRY_AFTER = Duration.ofHours(1);

    /** Progress is written at most this often (and at each new stage). */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final ObjectProvider<EngagementTrainer> trainer;
    private final ObjectProvider<EngagementTimelines> timelines;
    private final JdbcTrainingJobRepository jobs;
    private final ModelRegistry registry;
    private final TrainingProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final AtomicReference<Long> runningHere = new AtomicReference<>();
    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform()
                    .name("model-training-", 1)
                    .priority(Thread.MIN_PRIORITY)
                    .daemon(true)
                    .factory());
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("model-training-lease").daemon(true).factory());

    TrainingWorker(
            ObjectProvider<EngagementTrainer> trainer,
            ObjectProvider<EngagementTimelines> timelines,
            JdbcTrainingJobRepository jobs,
            ModelRegistry registry,
            TrainingProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.trainer = trainer;
        this.timelines = timelines;
        this.jobs = jobs;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** A run started, or the one already running (on any instance). */
    public record Started(TrainingJob job, boolean started) {}

    /**
     * Starts a training run in the background, unless one is running already (here or on another
     * instance): then that one is answered.
     */
    public Started start(Trigger trigger) {
        Instant now = now();
        Started started = transactions.execute(tx -> {
            String kind = JdbcModelRepository.ENGAGEMENT;
            Lease lease = jobs.lockLease(kind);
            if (lease.heldAt(now) && lease.jobId() != null) {
                Optional<TrainingJob> running = jobs.find(lease.jobId());
                if (running.isPresent() && running.get().running()) {
                    return new Started(running.get(), false);
                }
            }
            expire(lease, now);
            long id = jobs.insert(kind, trigger, holder, now);
            jobs.takeLease(kind, holder, now.plus(properties.lease()), id);
            return new Started(jobs.find(id).orElseThrow(), true);
        });
        if (started.started()) {
            long id = started.job().id();
            log.info("Training job {} started ({})", id, trigger);
            try {
                runner.execute(() -> run(id, trigger));
            } catch (RejectedExecutionException e) {
                end(id, "The instance is stopping; the run did not start");
            }
        }
        return started;
    }

    /**
     * Starts a scheduled run when none ever ran, when the last one succeeded at least {@code
     * interval} ago, or when it failed at least {@link #RETRY_AFTER} ago (so that history imported
     * after a run that found too little data is learned from within the hour, not a day later).
     */
    public Optional<Started> runIfDue() {
        Optional<TrainingJob> last = jobs.latest(JdbcModelRepository.ENGAGEMENT);
        if (last.isPresent()) {
            Duration wait = last.get().status() == TrainingJob.Status.FAILED ? RETRY_AFTER : properties.interval();
            if (last.get().running()
                    || last.get().startedAt().isAfter(clock.instant().minus(wait))) {
                return Optional.empty();
            }
        }
        return Optional.of(start(Trigger.SCHEDULED));
    }

    @Scheduled(
            fixedDelayString = "${iabulk.intelligence.training.check-interval:1m}",
            initialDelayString = "${iabulk.intelligence.training.check-interval:1m}")
    void scheduled() {
        try {
            expireStopped();
            if (properties.enabled()) {
                runIfDue();
            }
        } catch (RuntimeException e) {
            log.warn("Could not check whether a training run is due: {}", e.toString());
        }
    }

    /** A job; a RUNNING one whose instance stopped (its lease expired) is marked FAILED first. */
    public TrainingJob job(long id) {
        TrainingJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Training job", id));
        if (job.running() && expireStopped()) {
            job = jobs.find(id).orElseThrow();
        }
        return job;
    }

    /** Jobs newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page<TrainingJob> jobs(Long cursor, int limit) {
        expireStopped();
        return Page.of(jobs.newestFirst(cursor, limit + 1), limit, TrainingJob::id);
    }

    /** Marks the job of an expired lease FAILED and frees the lease; whether it did. */
    boolean expireStopped() {
        Instant now = now();
        Lease seen = jobs.lease(JdbcModelRepository.ENGAGEMENT);
        if (seen.holder() == null || seen.heldAt(now)) {
            return false; // the usual case, without a lock: nobody trains, or the lease is alive
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Lease lease = jobs.lockLease(JdbcModelRepository.ENGAGEMENT);
            if (lease.holder() == null || lease.heldAt(now)) {
                return false;
            }
            expire(lease, now);
            jobs.clearLease(JdbcModelRepository.ENGAGEMENT);
            return true;
        }));
    }

    private void expire(Lease lease, Instant now) {
        if (lease.jobId() != null
                && jobs.fail(
                        lease.jobId(),
                        "The instance running it stopped answering: its lease expired at " + lease.until()
                                + " before the run finished. Predictions stay as they were.",
                        now)) {
            log.warn("Training job {} marked FAILED: its instance's lease expired at {}", lease.jobId(), lease.until());
        }
    }

    /** One run, on the runner thread: train, then store the model or mark the job FAILED. */
    void run(long jobId, Trigger trigger) {
        runningHere.set(jobId);
        AtomicBoolean lost = new AtomicBoolean();
        long renewEvery = Math.max(1, properties.lease().toMillis() / 3);
        ScheduledFuture<?> renewal =
                heartbeat.scheduleAtFixedRate(() -> renew(jobId, lost), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            EngagementTrainer training = trainer.getIfAvailable();
            EngagementTimelines source = timelines.getIfAvailable();
            if (training == null || source == null) {
                end(
                        jobId,
                        "No " + (training == null ? "trainer" : "engagement timelines") + " is available in this "
                                + "instance; predictions stay as they were.");
                return;
            }
            ActiveModel active = registry.active();
            Outcome outcome =
                    training.train(source, now(), properties.settings(), active.model(), new JobProgress(jobId, lost));
            if (lost.get()) {
                throw new ModelRegistry.LeaseLostException(jobId);
            }
            if (!outcome.trained()) {
                String error = notEnoughData(outcome, active);
                log.info("Training job {} trained no model: {}", jobId, error);
                end(jobId, error);
                return;
            }
            ModelRegistry.Stored stored = registry.store(holder, jobId, trigger, outcome, active);
            log.info(
                    "Training job {} succeeded in {} s: model {} ({})",
                    jobId,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    stored.modelId(),
                    stored.activated() ? "ACTIVE" : "CANDIDATE");
        } catch (Throwable e) { // an OutOfMemoryError too: the job must not stay RUNNING
            log.error("Training job {} failed", jobId, e);
            end(jobId, "The run failed: " + describe(e) + ". No model was stored; predictions stay as they were.");
        } finally {
            renewal.cancel(false);
            runningHere.set(null);
        }
    }

    /** Whether no run is running or waiting on this instance. */
    boolean idle() {
        return runningHere.get() == null && runner.getQueue().isEmpty() && runner.getActiveCount() == 0;
    }

    /** Ends a job FAILED and frees its lease (if still its own), in one transaction. */
    private void end(long jobId, String error) {
        try {
            transactions.executeWithoutResult(tx -> {
                jobs.release(JdbcModelRepository.ENGAGEMENT, holder, jobId);
                jobs.fail(jobId, error, now());
            });
        } catch (RuntimeException e) {
            // the lease expires and the next check marks it FAILED
            log.error("Training job {} could not be marked FAILED: {}", jobId, e.toString());
        }
    }

    private void renew(long jobId, AtomicBoolean lost) {
        try {
            if (!jobs.renew(JdbcModelRepository.ENGAGEMENT, holder, jobId, now().plus(properties.lease()))) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the lease of training job {}: {}", jobId, e.toString());
        }
    }

    private String notEnoughData(Outcome outcome, ActiveModel active) {
        String stays =
                active.id() == null ? "predictions stay on the baseline" : "model " + active.id() + " stays active";
        String reason = outcome.reason() == null
                ? ""
                : outcome.reason().replaceFirst("[;,.]? *predictions stay on the baseline\\.?$", "");
        if (reason.isBlank()) {
            long examples = examples(outcome.trainedOn()) + examples(outcome.validatedOn());
            long opens = positives(outcome.trainedOn()) + positives(outcome.validatedOn());
            reason = examples + " sends with " + opens + " opens; training needs " + properties.minSends()
                    + " sends with " + properties.minOpens() + " opens";
        }
        return "Not enough data to train a model: " + reason + "; " + stays + ".";
    }

    private static long examples(Window window) {
        return window == null ? 0 : window.examples();
    }

    private static long positives(Window window) {
        return window == null ? 0 : window.positives();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The trainer's reports, written to the job (at most once a second) and the lease checked. */
    private final class JobProgress implements EngagementTrainer.Progress {

        private final long jobId;
        private final AtomicBoolean lost;
        private String stage;
        private long writtenAt;

        JobProgress(long jobId, AtomicBoolean lost) {
            this.jobId = jobId;
            this.lost = lost;
        }

        @Override
        public synchronized void stage(String stage, long done, long total) {
            if (lost.get()) {
                throw new ModelRegistry.LeaseLostException(jobId);
            }
            long nanos = System.nanoTime();
            if (!stage.equals(this.stage) || nanos - writtenAt >= PROGRESS_EVERY.toNanos()) {
                this.stage = stage;
                writtenAt = nanos;
                try {
                    jobs.progress(jobId, stage, done, total);
                } catch (RuntimeException e) {
                    log.debug("Progress of training job {} not written: {}", jobId, e.toString());
                }
            }
        }
    }

    /**
     * Stops the runs of this instance: a run in progress is marked FAILED and its lease freed, so
     * that a new run can start at once elsewhere (its model, if it still finishes, is not stored).
     */
    @PreDestroy
    void stop() {
        runner.shutdownNow();
        heartbeat.shutdownNow();
        Long running = runningHere.get();
        if (running != null) {
            end(running, "The instance stopped while it trained. No model was stored; predictions stay as they were.");
        }
    }
}
