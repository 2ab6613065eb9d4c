package io.iabulk.campaigns;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How campaigns are driven, prefix {@code iabulk.campaigns.lifecycle}.
 *
 * @param enabled whether this instance snapshots audiences, starts scheduled campaigns and
 *     finishes settled ones (any instance may; they coordinate through row locks)
 * @param interval how often the lifecycle loop looks for work when idle
 * @param snapshotChunk contacts inserted into the send queue per transaction while snapshotting
 */
@Validated
@ConfigurationProperties("iabulk.campaigns.lifecycle")
public record CampaignsLifecycleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration interval,
        @DefaultValue("20000") @Min(100) @Max(1_000_000) int snapshotChunk) {}
