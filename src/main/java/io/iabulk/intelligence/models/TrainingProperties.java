package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the engagement model's training, prefix {@code iabulk.intelligence.training}
 * (docs/decisions/0019, "Registry, training runs and activation"); the switch, the check interval
 * and the lease serve the referral risk model's runs too (its own settings: {@link
 * ReferralRiskProperties}).
 *
 * @param enabled whether this instance starts the scheduled training of every kind of model
 *     (engagement, referral risk; one instance at a time trains a kind, by a lease in the database;
 *     the API still starts a run when off)
 * @param interval how long after the last successful engagement training run the next scheduled one
 *     starts (an hour after a failed one)
 * @param checkInterval how often an instance checks whether a scheduled run of each kind is due and
 *     whether a run left by a stopped instance is to be marked FAILED
 * @param minSends below this many sends whose 72 h window has closed, no model is trained and
 *     predictions stay on the baseline
 * @param minOpens below this many opened sends among them, no model is trained either
 * @param validationFraction the latest share of the sends' time range that validates a model (the
 *     rest trains it)
 * @param threads threads a training run computes on (besides the one that runs it, at low priority)
 * @param maxExamples the most sends a run learns from, a bound on its memory (above it, a repeatable sample of the contacts, each with all its sends)
 * @param lease how long a training instance holds the lease without renewing it (it renews every
 *     third of it; a run of an instance that stops is marked FAILED after that)
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.training")
public record TrainingProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("24h") Duration interval,
        @NotNull @DefaultValue("1m") Duration checkInterval,
        @Min(1) @DefaultValue("2000") long minSends,
        @Min(1) @DefaultValue("100") long minOpens,

        @DecimalMin("0.05") @DecimalMax("0.5") @DefaultValue("0.2")
        double validationFraction,

        @Min(1) @Max(64) @DefaultValue("2") int threads,
        @Min(1000) @DefaultValue("1000000") long maxExamples,
        @NotNull @DefaultValue("2m") Duration lease) {

    /** What the trainer is told. */
    EngagementTrainer.Settings settings() {
        return new EngagementTrainer.Settings(minSends, minOpens, validationFraction, threads, maxExamples);
    }
}
