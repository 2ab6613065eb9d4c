package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer.Progress;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * What a training run of one kind of model does once {@link TrainingWorker} holds the kind's lease:
 * train, then store the model through {@link ModelRegistry} (which releases the lease in the
 * transaction that stores it). The worker owns the lease, the job, its progress and the schedule.
 */
interface KindTraining {

    /** The kind, as {@code model_kinds} holds it. */
    String kind();

    /** How long after its last run (of this status) the schedule starts the next one. */
    Duration scheduleAfter(TrainingJob last);

    /**
     * Trains and stores a model.
     *
     * @param lost true once the run's lease was lost: nothing may be stored then
     * @return null when a model was stored; otherwise why none was (the job ends FAILED with it)
     * @throws ModelRegistry.LeaseLostException when the lease was lost before the model was stored
     */
    String run(String holder, long jobId, Trigger trigger, Progress progress, BooleanSupplier lost);
}
