package io.iabulk.intelligence.predictions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the batch scoring of contacts, prefix {@code iabulk.intelligence.scoring}
 * (docs/decisions/0019, "Predictions").
 *
 * @param enabled whether this instance runs the scheduled scoring (one instance at a time scores,
 *     by a lease in the database; {@code ScoringWorker.runOnce} still scores when off)
 * @param interval how often every active contact is scored again; a change of the active model
 *     scores them at the next check as well
 * @param checkInterval how often an instance checks whether a scoring is due (interval passed,
 *     another model active)
 * @param batchSize contacts scored and written together (one statement per batch)
 * @param threads threads that score and write batches during a run
 * @param dormantAfter how long a contact mailed for that long may go without a human open or click
 *     before a low score makes it DORMANT
 * @param lease how long a scoring instance holds the lease without renewing it (an instance that
 *     dies mid-run frees it after that)
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.scoring")
public record ScoringProperties(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("24h") Duration interval,
        @NotNull @DefaultValue("1m") Duration checkInterval,
        @Min(1) @Max(100_000) @DefaultValue("1000") int batchSize,
        @Min(1) @Max(64) @DefaultValue("2") int threads,
        @NotNull @DefaultValue("90d") Duration dormantAfter,
        @NotNull @DefaultValue("10m") Duration lease) {}
