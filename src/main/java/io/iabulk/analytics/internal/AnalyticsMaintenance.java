package io.iabulk.analytics.internal;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.platform.Databases;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps day partitions of {@code analytics_events} ahead of time and drops those past the
 * retention period (PostgreSQL); deletes old days from the plain table otherwise. Minute rollups
 * older than the retention go too. Runs once at
 * start, so the first event finds its partition, then on a schedule.
 */
@Component
public class AnalyticsMaintenance {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;
    private final AnalyticsProperties properties;
    private final Clock clock;
    private final boolean postgres;

    AnalyticsMaintenance(JdbcTemplate jdbc, AnalyticsProperties properties, Clock clock, DataSource dataSource) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.postgres = Databases.isPostgres(dataSource);
        runOnce();
    }

    @Scheduled(
            fixedDelayString = "${iabulk.analytics.maintenance-interval:1h}",
            initialDelayString = "${iabulk.analytics.maintenance-interval:1h}")
    void scheduled() {
        if (properties.maintenance()) {
            runOnce();
        }
    }

    /** Creates the partitions from the retention start to {@code partitionsAhead} days ahead; drops older ones. */
    public void runOnce() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate oldest = today.minusDays(properties.retention().toDays());
        // minute rollups are kept as long as raw events; hour and day rollups stay for the long
        // views (the bucket index serves the range)
        jdbc.update(
                "DELETE FROM analytics_rollups_minute WHERE bucket < ?",
                Timestamp.from(oldest.atStartOfDay(ZoneOffset.UTC).toInstant()));
        if (!postgres) {
            jdbc.update("DELETE FROM analytics_events WHERE occurred_on < ?", java.sql.Date.valueOf(oldest));
            return;
        }
        for (LocalDate day = oldest;
                !day.isAfter(today.plusDays(properties.partitionsAhead()));
                day = day.plusDays(1)) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS analytics_events_" + SUFFIX.format(day)
                    + " PARTITION OF analytics_events FOR VALUES FROM ('" + day + "') TO ('" + day.plusDays(1) + "')");
        }
        for (String partition : jdbc.queryForList("""
                SELECT c.relname FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'analytics_events' AND p.relnamespace = current_schema()::regnamespace
                """, String.class)) {
            LocalDate day = LocalDate.parse(partition.substring("analytics_events_".length()), SUFFIX);
            if (day.isBefore(oldest)) {
                jdbc.execute("DROP TABLE " + partition);
            }
        }
    }
}
