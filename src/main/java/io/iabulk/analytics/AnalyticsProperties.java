package io.iabulk.analytics;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the analytics module, prefix {@code iabulk.analytics}.
 *
 * @param retention how long raw events (and minute rollups) are kept; older day partitions are
 *     dropped
 * @param partitionsAhead how many future day partitions exist at any time (PostgreSQL)
 * @param flushInterval how often in-memory rollup counts are written
 * @param maintenanceInterval how often partitions are created ahead and old ones dropped
 * @param maintenance whether this instance runs the scheduled maintenance (every instance still
 *     makes sure at start that the partitions exist)
 */
@Validated
@ConfigurationProperties("iabulk.analytics")
public record AnalyticsProperties(
        @NotNull @DefaultValue("7d") Duration retention,
        @Min(1) @DefaultValue("3") int partitionsAhead,
        @NotNull @DefaultValue("1s") Duration flushInterval,
        @NotNull @DefaultValue("1h") Duration maintenanceInterval,
        @DefaultValue("true") boolean maintenance) {}
