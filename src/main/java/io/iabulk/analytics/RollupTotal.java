package io.iabulk.analytics;

import java.math.BigDecimal;

/** The total of one type (and dimension) over all buckets of a contest or campaign. */
public record RollupTotal(String type, String dimension, long count, BigDecimal value) {}
