package io.iabulk.intelligence.models;

import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.EngagementTrainer.Progress;
import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import io.iabulk.intelligence.models.ModelRegistry.ActiveModel;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A training run of the engagement model (docs/decisions/0019): every active contact's timeline,
 * the trainer's time split, the activation rule against the baseline and the active model.
 */
final class EngagementTraining implements KindTraining {

    /** How long after a failed run (too little data, an error) the schedule tries again. */
    static final Duration RETRY_AFTER = Duration.ofHours(1);

    private final ObjectProvider<EngagementTrainer> trainer;
    private final ObjectProvider<EngagementTimelines> timelines;
    private final ModelRegistry registry;
    private final TrainingProperties properties;
    private final Supplier<Instant> now;

    EngagementTraining(
            ObjectProvider<EngagementTrainer> trainer,
            ObjectProvider<EngagementTimelines> timelines,
            ModelRegistry registry,
            TrainingProperties properties,
            Supplier<Instant> now) {
        this.trainer = trainer;
        this.timelines = timelines;
        this.registry = registry;
        this.properties = properties;
        this.now = now;
    }

    @Override
    public String kind() {
        return JdbcModelRepository.ENGAGEMENT;
    }

    /** An interval after a success, an hour after a failure (history imported since is learnt from soon). */
    @Override
    public Duration scheduleAfter(TrainingJob last) {
        return last.status() == TrainingJob.Status.FAILED ? RETRY_AFTER : properties.interval();
    }

    @Override
    public String run(String holder, long jobId, Trigger trigger, Progress progress, BooleanSupplier lost) {
        EngagementTrainer training = trainer.getIfAvailable();
        EngagementTimelines source = timelines.getIfAvailable();
        if (training == null || source == null) {
            return "No " + (training == null ? "trainer" : "engagement timelines") + " is available in this "
                    + "instance; predictions stay as they were.";
        }
        ActiveModel active = registry.active();
        Outcome outcome = training.train(source, now.get(), properties.settings(), active.model(), progress);
        if (lost.getAsBoolean()) {
            throw new ModelRegistry.LeaseLostException(jobId);
        }
        if (!outcome.trained()) {
            return notEnoughData(outcome, active);
        }
        registry.store(holder, jobId, trigger, outcome, active);
        return null;
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
}
