package io.iabulk.contacts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the contacts module, prefix {@code iabulk.contacts}.
 *
 * @param imports CSV imports
 */
@Validated
@ConfigurationProperties("iabulk.contacts")
public record ContactsProperties(@DefaultValue @Valid Imports imports) {

    /**
     * @param maxSize the largest upload accepted (413 above it; nothing is stored)
     * @param concurrency imports processed at once per instance (CPU-bound: parsing and hashing)
     * @param queueCapacity imports waiting for a free slot before new uploads are refused with 429
     * @param progressEvery the counters of a running import are written every this many lines
     * @param heartbeat how often a running import proves its instance is alive
     * @param staleAfter a RUNNING import without a heartbeat for this long (its instance died) is
     *     marked FAILED
     * @param tempDir where uploads are spooled while they are imported (default: the JVM's temp
     *     directory)
     */
    public record Imports(
            @DefaultValue("512MB") @NotNull DataSize maxSize,
            @DefaultValue("2") @Min(1) int concurrency,
            @DefaultValue("8") @Min(0) int queueCapacity,
            @DefaultValue("10000") @Min(1) int progressEvery,
            @DefaultValue("20s") @NotNull Duration heartbeat,
            @DefaultValue("5m") @NotNull Duration staleAfter,
            Path tempDir) {}
}
