package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training run's reports, written to its job (at most once a second, and at each new stage) for
 * the job resource, and the run's lease checked: a run whose lease was lost stops at its next
 * report.
 */
final class JobProgress implements EngagementTrainer.Progress {

    private static final Logger log = LoggerFactory.getLogger(JobProgress.class);

    /** Progress is written at most this often (and at each new stage). */
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final JdbcTrainingJobRepository jobs;
    private final long jobId;
    private final AtomicBoolean lost;
    private String stage;
    private long writtenAt;

    JobProgress(JdbcTrainingJobRepository jobs, long jobId, AtomicBoolean lost) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.lost = lost;
    }

    @Override
    public synchronized void stage(String stage, long done, long total) {
        if (lost.get()) {
            throw new ModelRegistry.LeaseLostException(jobId);
        }
        long nanos = System.nanoTime();
        if (!stage.equals(this.stage) || nanos - writtenAt >= EVERY.toNanos()) {
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
