/**
 * Analytics: raw events (day-partitioned in PostgreSQL, kept for the retention period), per-minute
 * rollups with hourly and daily tables derived from them, event ingestion, time series and the
 * live stream. Other modules count what happens through {@link io.iabulk.analytics.AnalyticsService};
 * reports read rollups and never scan raw rows. See docs/decisions/0013.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Analytics",
        allowedDependencies = {"platform", "contacts"})
package io.iabulk.analytics;
