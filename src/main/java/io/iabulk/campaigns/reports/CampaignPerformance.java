package io.iabulk.campaigns.reports;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's performance over time: every bucket of the range, empty ones as zeros (charts stay
 * continuous).
 *
 * @param granularity {@code minute}, {@code hour} or {@code day}
 * @param from the start of the first bucket
 * @param to the end of the range (exclusive): the last bucket is the one that starts before it
 * @param buckets the buckets in time order
 */
public record CampaignPerformance(String granularity, Instant from, Instant to, List<PerformanceBucket> buckets) {}
