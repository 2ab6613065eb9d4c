package io.iabulk.intelligence.predictions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When people like a contact open their mail (docs/decisions/0022): the distribution of the local
 * hour of the day of the human opens of the imported history, per time zone and engagement tier,
 * per time zone, and (in UTC) of the whole population, each smoothed by the open-hour kernel. The
 * zone and tier are those of the last scoring run's stored rows. Read in one streamed pass the first
 * time a send-time optimised campaign needs them after a run, then kept until the next run.
 */
@Component
class SendTimeGroups {

    static final String NO_ZONE = "UTC";
    private static final String POPULATION = "*";

    /**
     * The priors, each 24 probabilities by hour of the day: local hours for the zone keys ({@code
     * zone|tier} and {@code zone}), UTC hours for the population.
     */
    record Groups(long runId, Map<String, double[]> byKey, double[] population) {

        /** The prior of a contact's group (zone and tier, else zone), or null: the population's (UTC). */
        double[] local(String zone, String tier) {
            if (NO_ZONE.equals(zone)) {
                return null;
            }
            double[] group = byKey.get(zone + "|" + tier);
            return group != null ? group : byKey.get(zone);
        }
    }

    private final JdbcPredictionRepository repository;
    private final SendTimeProperties properties;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transactions;
    private volatile Groups cached;

    SendTimeGroups(
            JdbcPredictionRepository repository,
            SendTimeProperties properties,
            DataSource dataSource,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.properties = properties;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(10_000);
        this.transactions = new TransactionTemplate(transactions);
        this.transactions.setReadOnly(true);
    }

    /** The groups of the last successful run, or null when no run stored predictions. */
    Groups current() {
        var run = repository.latestSucceeded();
        if (run.isEmpty()) {
            return null;
        }
        Groups groups = cached;
        if (groups != null && groups.runId() == run.get().id()) {
            return groups;
        }
        groups = load(run.get().id());
        cached = groups;
        return groups;
    }

    private Groups load(long runId) {
        Map<String, double[]> counts = new HashMap<>();
        double[] population = new double[24];
        Map<String, ZoneId> zones = new HashMap<>();
        // one pass in a read-only transaction, so PostgreSQL streams the rows (fetch size); the zone
        // and tier are joined by primary key
        transactions.executeWithoutResult(tx -> streaming.query("""
                SELECT h.time_zone, p.tier, e.opened_at
                FROM engagement_history e
                JOIN contact_prediction_hours h ON h.contact_id = e.contact_id
                LEFT JOIN contact_predictions p ON p.contact_id = e.contact_id
                WHERE e.opened_at IS NOT NULL
                """, rs -> {
            String zone = rs.getString(1);
            String tier = rs.getString(2);
            Instant at = rs.getTimestamp(3).toInstant();
            population[at.atZone(ZoneOffset.UTC).getHour()]++;
            if (!NO_ZONE.equals(zone)) {
                ZoneId id = zones.computeIfAbsent(zone, SendTimeGroups::zone);
                int hour = at.atZone(id).getHour();
                counts.computeIfAbsent(zone + "|" + tier, k -> new double[24])[hour]++;
                counts.computeIfAbsent(zone, k -> new double[24])[hour]++;
            }
        }));
        Map<String, double[]> priors = new HashMap<>();
        counts.forEach((key, bins) -> {
            if (sum(bins) >= properties.minGroupOpens()) {
                priors.put(key, smooth(bins, properties.openHourWidth()));
            }
        });
        return new Groups(runId, priors, smooth(population, properties.openHourWidth()));
    }

    static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * The bins smoothed by a circular Gaussian kernel of {@code width} hours, plus one open spread
     * over the day (no hour is impossible), as probabilities.
     */
    static double[] smooth(double[] bins, double width) {
        double[] out = new double[24];
        for (int h = 0; h < 24; h++) {
            double s = 1.0 / 24;
            for (int b = 0; b < 24; b++) {
                s += bins[b] * kernel(h - b, width);
            }
            out[h] = s;
        }
        double total = sum(out);
        for (int h = 0; h < 24; h++) {
            out[h] /= total;
        }
        return out;
    }

    /** exp(-d² / 2w²) for the circular distance of {@code d} hours. */
    static double kernel(double d, double width) {
        double a = Math.abs(d) % 24;
        a = Math.min(a, 24 - a);
        return Math.exp(-a * a / (2 * width * width));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The fractional local hour of the day of {@code at} in {@code zone}. */
    static double hourOfDay(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    }
}
