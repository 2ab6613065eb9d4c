package io.iabulk.intelligence.models;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A training run as the API shows it.
 *
 * @param id the job
 * @param kind the kind of model trained ({@code engagement} or {@code referral-risk})
 * @param status RUNNING, then SUCCEEDED (a model was stored: {@code modelId}) or FAILED ({@code error})
 * @param trigger who started it: the API or the schedule
 * @param modelId the model stored by a SUCCEEDED run (ACTIVE or CANDIDATE), null otherwise
 * @param error why a FAILED run stored no model
 * @param startedAt when it started
 * @param finishedAt when it ended, null while it runs
 * @param progress what the run last reported, null before its first report
 */
public record TrainingJob(
        long id,
        String kind,
        Status status,
        Trigger trigger,
        Long modelId,
        String error,
        Instant startedAt,
        Instant finishedAt,
        Progress progress) {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    public enum Trigger {
        MANUAL,
        SCHEDULED
    }

    /** A stage of the run and how far into it, e.g. {@code reading} 120000 of 0 (unknown total). */
    public record Progress(
            @Schema(description = "What the run is doing") String stage,
            @Schema(description = "Units done in the stage") long done,

            @Schema(description = "Units in the stage, 0 when unknown")
            long total) {}

    public boolean running() {
        return status == Status.RUNNING;
    }
}
