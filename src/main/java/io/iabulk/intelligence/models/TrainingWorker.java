package io.iabulk.intelligence.models;

import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.models.JdbcTrainingJobRepository.Lease;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Page;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Training runs of the registry's models (docs/decisions/0019, "Registry, training runs and
 * activation"; the referral risk model: 0028), started by the API or by the schedule. One instance
 * trains a kind at a time: a run starts by taking the kind's lease (its job row is written in the
 * same transaction) and renews it every third of {@code lease} while it runs; a run whose instance
 * stopped is marked FAILED once its lease has expired. Runs execute on one thread of this instance
 * (low priority), never on a request's thread; the model and the end of the job are written in one
 * transaction, so a run that fails leaves only its FAILED job. What a run of a kind does is its
 * {@link KindTraining}.
 */
@Component
public class TrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);

    /** How long after a failed engagement run (too little data, an error) the schedule tries again. */
    static final Duration RETRY_AFTER = EngagementTraining.RETRY_AFTER;

    private final Map<String, KindTraining> kinds = new LinkedHashMap<>();
    private final JdbcTrainingJobRepository jobs;
    private final TrainingProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    /** The job each kind runs on this instance (none: not running here). */
    private final Map<String, Long> runningHere = new ConcurrentHashMap<>();

    /**
     * One low-priority thread per kind: a run of one kind never waits in a queue behind another
     * kind's (its lease is renewed only once it runs, and would expire while it waited).
     */
    private final Map<String, ThreadPoolExecutor> runners = new ConcurrentHashMap<>();

    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("model-training-lease").daemon(true).factory());

    /** The engagement model's runs only (a test's worker). */
    TrainingWorker(
            ObjectProvider<EngagementTrainer> trainer,
            ObjectProvider<EngagementTimelines> timelines,
            JdbcTrainingJobRepository jobs,
            ModelRegistry registry,
            TrainingProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this(trainer, timelines, null, jobs, registry, properties, clock, transactions);
    }

    @Autowired
    TrainingWorker(
            ObjectProvider<EngagementTrainer> trainer,
            ObjectProvider<EngagementTimelines> timelines,
            ObjectProvider<ReferralRiskTraining> referralRisk,
            JdbcTrainingJobRepository jobs,
            ModelRegistry registry,
            TrainingProperties properties,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactions);
        add(new EngagementTraining(trainer, timelines, registry, properties, this::now));
        if (referralRisk != null) {
            referralRisk.ifAvailable(this::add);
        }
    }

    /** Trains this kind too (a test's runs of a kind). */
    TrainingWorker add(KindTraining training) {
        kinds.put(training.kind(), training);
        runners.computeIfAbsent(
                training.kind(),
                kind -> new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        Thread.ofPlatform()
                                .name("model-training-" + kind + "-", 1)
                                .priority(Thread.MIN_PRIORITY)
                                .daemon(true)
                                .factory()));
        return this;
    }

    /** A run started, or the one already running (on any instance). */
    public record Started(TrainingJob job, boolean started) {}

    /** {@link #start(String, Trigger)} of the engagement model. */
    public Started start(Trigger trigger) {
        return start(JdbcModelRepository.ENGAGEMENT, trigger);
    }

    /**
     * Starts a training run of this kind in the background, unless one of the kind is running
     * already (here or on another instance): then that one is answered.
     *
     * @throws IllegalArgumentException when this instance does not train that kind
     */
    public Started start(String kind, Trigger trigger) {
        KindTraining training = training(kind);
        Instant now = now();
        Started started = transactions.execute(tx -> {
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
            log.info("Training job {} of the {} model started ({})", id, kind, trigger);
            try {
                runners.get(kind).execute(() -> run(training, id, trigger));
            } catch (RejectedExecutionException e) {
                end(kind, id, "The instance is stopping; the run did not start");
            }
        }
        return started;
    }

    /** {@link #runIfDue(String)} of the engagement model. */
    public Optional<Started> runIfDue() {
        return runIfDue(JdbcModelRepository.ENGAGEMENT);
    }

    /**
     * Starts a scheduled run of this kind when none ever ran, or when the kind's wait after its last
     * run has passed (engagement: {@code interval} after a success, {@link #RETRY_AFTER} after a
     * failure, so that history imported after a run that found too little data is learned from
     * within the hour; referral risk: its own {@code interval} after either).
     */
    public Optional<Started> runIfDue(String kind) {
        KindTraining training = training(kind);
        Optional<TrainingJob> last = jobs.latest(kind);
        if (last.isPresent()) {
            Duration wait = training.scheduleAfter(last.get());
            if (last.get().running()
                    || last.get().startedAt().isAfter(clock.instant().minus(wait))) {
                return Optional.empty();
            }
        }
        return Optional.of(start(kind, Trigger.SCHEDULED));
    }

    @Scheduled(
            fixedDelayString = "${iabulk.intelligence.training.check-interval:1m}",
            initialDelayString = "${iabulk.intelligence.training.check-interval:1m}")
    void scheduled() {
        for (String kind : kinds.keySet()) {
            try {
                expireStopped(kind);
                if (properties.enabled()) {
                    runIfDue(kind);
                }
            } catch (RuntimeException e) {
                log.warn("Could not check whether a training run of the {} model is due: {}", kind, e.toString());
            }
        }
    }

    /** A job; a RUNNING one whose instance stopped (its lease expired) is marked FAILED first. */
    public TrainingJob job(long id) {
        TrainingJob job = jobs.find(id).orElseThrow(() -> new NotFoundException("Training job", id));
        if (job.running() && expireStopped(job.kind())) {
            job = jobs.find(id).orElseThrow();
        }
        return job;
    }

    /** Jobs newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page<TrainingJob> jobs(Long cursor, int limit) {
        return jobs(null, cursor, limit);
    }

    /** Jobs of one kind (null: every kind) newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page<TrainingJob> jobs(String kind, Long cursor, int limit) {
        expireStopped();
        return Page.of(jobs.newestFirst(kind, cursor, limit + 1), limit, TrainingJob::id);
    }

    /** Marks the jobs of expired leases FAILED and frees the leases; whether it did for any kind. */
    boolean expireStopped() {
        boolean any = false;
        for (String kind : kinds.keySet()) {
            any |= expireStopped(kind);
        }
        return any;
    }

    private boolean expireStopped(String kind) {
        Instant now = now();
        Lease seen = jobs.lease(kind);
        if (seen.holder() == null || seen.heldAt(now)) {
            return false; // the usual case, without a lock: nobody trains, or the lease is alive
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            Lease lease = jobs.lockLease(kind);
            if (lease.holder() == null || lease.heldAt(now)) {
                return false;
            }
            expire(lease, now);
            jobs.clearLease(kind);
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

    /** One engagement run, on the calling thread (a test's step). */
    void run(long jobId, Trigger trigger) {
        run(training(JdbcModelRepository.ENGAGEMENT), jobId, trigger);
    }

    /** One run, on its kind's runner thread: train, then store the model or mark the job FAILED. */
    private void run(KindTraining training, long jobId, Trigger trigger) {
        String kind = training.kind();
        runningHere.put(kind, jobId);
        AtomicBoolean lost = new AtomicBoolean();
        long renewEvery = Math.max(1, properties.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = heartbeat.scheduleAtFixedRate(
                () -> renew(kind, jobId, lost), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            String error = training.run(holder, jobId, trigger, new JobProgress(jobs, jobId, lost), lost::get);
            if (error != null) {
                log.info("Training job {} trained no {} model: {}", jobId, kind, error);
                end(kind, jobId, error);
                return;
            }
            log.info(
                    "Training job {} of the {} model succeeded in {} s",
                    jobId,
                    kind,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
        } catch (Throwable e) { // an OutOfMemoryError too: the job must not stay RUNNING
            log.error("Training job {} failed", jobId, e);
            end(
                    kind,
                    jobId,
                    "The run failed: " + describe(e) + ". No model was stored; predictions stay as they were.");
        } finally {
            renewal.cancel(false);
            runningHere.remove(kind);
        }
    }

    /** Whether no run is running or waiting on this instance. */
    boolean idle() {
        return runningHere.isEmpty()
                && runners.values().stream().allMatch(r -> r.getQueue().isEmpty() && r.getActiveCount() == 0);
    }

    /** Ends a job FAILED and frees its lease (if still its own), in one transaction. */
    private void end(String kind, long jobId, String error) {
        try {
            transactions.executeWithoutResult(tx -> {
                jobs.release(kind, holder, jobId);
                jobs.fail(jobId, error, now());
            });
        } catch (RuntimeException e) {
            // the lease expires and the next check marks it FAILED
            log.error("Training job {} could not be marked FAILED: {}", jobId, e.toString());
        }
    }

    private void renew(String kind, long jobId, AtomicBoolean lost) {
        try {
            if (!jobs.renew(kind, holder, jobId, now().plus(properties.lease()))) {
                lost.set(true);
            }
        } catch (RuntimeException e) {
            log.warn("Could not renew the lease of training job {}: {}", jobId, e.toString());
        }
    }

    private KindTraining training(String kind) {
        KindTraining training = kinds.get(kind);
        if (training == null) {
            throw new IllegalArgumentException("This instance trains no model of kind " + kind);
        }
        return training;
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

    /**
     * Stops the runs of this instance: a run in progress is marked FAILED and its lease freed, so
     * that a new run can start at once elsewhere (its model, if it still finishes, is not stored).
     */
    @PreDestroy
    void stop() {
        runners.values().forEach(ThreadPoolExecutor::shutdownNow);
        heartbeat.shutdownNow();
        runningHere.forEach((kind, jobId) -> end(
                kind,
                jobId,
                "The instance stopped while it trained. No model was stored; predictions stay as they were."));
    }
}
