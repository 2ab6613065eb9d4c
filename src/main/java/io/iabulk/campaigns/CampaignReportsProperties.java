package io.iabulk.campaigns;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The campaign reports, prefix {@code iabulk.campaigns.reports}.
 *
 * @param maxBuckets the most buckets one performance request may ask for (a day of minutes by
 *     default); a longer explicit range is refused, a defaulted start is moved up to fit
 * @param topLinks how many links the summary lists
 */
@Validated
@ConfigurationProperties("iabulk.campaigns.reports")
public record CampaignReportsProperties(
        @DefaultValue("1440") @Min(1) @Max(100_000) int maxBuckets,
        @DefaultValue("10") @Min(1) @Max(1000) int topLinks) {}
