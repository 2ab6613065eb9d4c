package io.iabulk.analytics;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One bucket of a rollup series.
 *
 * @param start the bucket's start (UTC-aligned)
 * @param type the counted type
 * @param dimension a sub-key of the type (a conversion's currency), or empty
 * @param count how many
 * @param value the summed value (conversion amounts), zero for plain counts
 */
public record RollupBucket(Instant start, String type, String dimension, long count, BigDecimal value) {}
