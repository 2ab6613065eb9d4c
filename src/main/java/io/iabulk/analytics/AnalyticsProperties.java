package io.iabulk.analytics;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the analytics module, prefix {@code iabulk.analytics}.
 *
 * @param retention how long raw events (and minute rollups) are kept; older day partitions are
 *     dropped
 * @param partitionsAhead how many future day partitions exist at any time (PostgreSQL)
 * @param flushInterval how often in-memory rollup counts are written
 * @param maintenance whether this instance runs the scheduled maintenance (every instance still
 *     makes sure at start that the partitions exist)
 * @param maintenanceInterval how often partitions are created ahead and old ones dropped
 * @param ingest limits of {@code POST /api/v1/events}
 * @param maxBuckets the most buckets one time series answer may hold (a wider range is a 400)
 * @param livePeriod how often the live stream sends an update
 */
@Validated
@ConfigurationProperties("iabulk.analytics")
public record AnalyticsProperties(
        @NotNull @DefaultValue("7d") Duration retention,
        @Min(1) @DefaultValue("3") int partitionsAhead,
        @NotNull @DefaultValue("1s") Duration flushInterval,
        @NotNull @DefaultValue("1h") Duration maintenanceInterval,
        @DefaultValue("true") boolean maintenance,
        @Valid @NotNull @DefaultValue Ingest ingest,
        @Min(1) @DefaultValue("10000") int maxBuckets,
        @NotNull @DefaultValue("1s") Duration livePeriod) {

    /**
     * Limits of event ingestion.
     *
     * @param maxBodySize the largest request body accepted (a larger one is a 413)
     * @param maxEvents the most events one request may carry (more is a 413)
     * @param maxPropertiesSize the largest {@code properties} object of one event, serialised
     */
    public record Ingest(
            @NotNull @DefaultValue("16MB") DataSize maxBodySize,
            @Min(1) @DefaultValue("10000") int maxEvents,
            @NotNull @DefaultValue("4KB") DataSize maxPropertiesSize) {}
}
