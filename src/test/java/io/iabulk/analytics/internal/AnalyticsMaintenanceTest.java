package io.iabulk.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.Granularity;
import io.iabulk.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/** Day partitions of raw events: made ahead, dropped with their rows after the retention period. */
@IntegrationTest
class AnalyticsMaintenanceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcEventLog events;

    @Autowired
    Clock clock;

    @Test
    void keepsPartitionsAheadAndDropsThoseOlderThanTheRetention() {
        AnalyticsProperties properties = new AnalyticsProperties(
                Duration.ofDays(7),
                3,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                true,
                new AnalyticsProperties.Ingest(DataSize.ofMegabytes(16), 10_000, DataSize.ofKilobytes(4)),
                10_000,
                Duration.ofSeconds(1));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        new AnalyticsMaintenance(jdbc, properties, clock, dataSource).runOnce();
        assertThat(partitions()).contains(name(today.minusDays(7)), name(today), name(today.plusDays(3)));

        Instant now = clock.instant();
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        events.append(
                List.of(event(old, now.minus(Duration.ofDays(7))), event(recent, now.minus(Duration.ofDays(6)))), now);
        Instant oldMinute = Granularity.MINUTE.bucketOf(now.minus(Duration.ofDays(7)));
        Instant recentMinute = Granularity.MINUTE.bucketOf(now.minus(Duration.ofDays(6)));
        for (String table : List.of("analytics_rollups_minute", "analytics_rollups_hour")) {
            for (Instant bucket : List.of(oldMinute, recentMinute)) {
                jdbc.update(
                        "INSERT INTO " + table + " (campaign_id, contest_id, type, dimension, bucket, n, amount)"
                                + " VALUES (0, 0, 'test.retention', '', ?, 1, 0)",
                        Timestamp.from(bucket));
            }
        }
        try {
            // a day later, the oldest day falls out of the seven kept
            Clock tomorrow = Clock.offset(clock, Duration.ofDays(1));
            new AnalyticsMaintenance(jdbc, properties, tomorrow, dataSource).runOnce();

            assertThat(partitions()).doesNotContain(name(today.minusDays(7))).contains(name(today.plusDays(4)));
            assertThat(ids()).contains(recent).doesNotContain(old);
            assertThat(buckets("analytics_rollups_minute"))
                    .as("minute rollups go with the raw events")
                    .containsExactly(recentMinute);
            assertThat(buckets("analytics_rollups_hour"))
                    .as("hour rollups stay")
                    .containsExactlyInAnyOrder(oldMinute, recentMinute);
        } finally {
            // the partitions of today stay for the other tests of this JVM
            new AnalyticsMaintenance(jdbc, properties, clock, dataSource).runOnce();
        }
    }

    private static AnalyticsEvent event(String id, Instant at) {
        return new AnalyticsEvent(id, "test.retention", at, null, null, null, null, null, "{\"n\":1}");
    }

    private List<String> ids() {
        return jdbc.queryForList("SELECT event_id FROM analytics_events WHERE type = 'test.retention'", String.class);
    }

    private List<Instant> buckets(String table) {
        return jdbc
                .queryForList("SELECT bucket FROM " + table + " WHERE type = 'test.retention'", Timestamp.class)
                .stream()
                .map(Timestamp::toInstant)
                .toList();
    }

    private List<String> partitions() {
        return jdbc.queryForList("""
                SELECT c.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'analytics_events' AND p.relnamespace = current_schema()::regnamespace
                """, String.class);
    }

    private static String name(LocalDate day) {
        return "analytics_events_" + day.toString().replace("-", "");
    }
}
