package io.iabulk.intelligence.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the engagement history import, prefix {@code iabulk.intelligence.history}
 * (docs/decisions/0020).
 *
 * @param maxSize the largest file accepted (413 beyond it, nothing stored)
 * @param tempDir where uploads are spooled before they are read; the system's temporary folder
 *     when unset
 * @param batchSize lines resolved and written together (one contact lookup and one upsert
 *     statement per batch, committed on its own)
 * @param concurrency imports this instance runs at once (each uses two threads: one parses, one
 *     writes)
 * @param queueCapacity imports waiting for a thread on this instance before uploads are refused
 *     with 429
 * @param maxLineLength characters a line may hold; a longer line is rejected as MALFORMED without
 *     being held in memory
 * @param clockSkew how far in the future a time may be before the line is FUTURE_DATE (clocks of
 *     the previous mailer and this one differ a little)
 * @param heartbeat how often this instance renews the heartbeat of the imports it runs
 * @param staleAfter a RUNNING import without a heartbeat for that long is failed (its instance
 *     died)
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.history")
public record HistoryImportProperties(
        @NotNull @DefaultValue("2GB") DataSize maxSize,
        Path tempDir,
        @Min(1) @Max(50_000) @DefaultValue("5000") int batchSize,
        @Min(1) @Max(16) @DefaultValue("1") int concurrency,
        @Min(0) @Max(1000) @DefaultValue("4") int queueCapacity,
        @Min(256) @Max(1_048_576) @DefaultValue("65536") int maxLineLength,
        @NotNull @DefaultValue("5m") Duration clockSkew,
        @NotNull @DefaultValue("20s") Duration heartbeat,
        @NotNull @DefaultValue("2m") Duration staleAfter) {}
