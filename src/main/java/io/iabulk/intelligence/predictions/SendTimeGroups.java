package io.iabulk.intelligence.predictions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The mean weekly P(open) profile of groups of similar contacts, from the stored predictions of the
 * last scoring run (docs/decisions/0022): per time zone and engagement tier, per time zone, and of
 * the whole population. Read in one streamed pass over the stored rows the first time a send-time
 * optimised campaign needs them after a run, then kept until the next run.
 */
@Component
class SendTimeGroups {

    /** Mean profiles, slot {@code k} being the hour that starts {@code k} hours after {@code weekStart}. */
    record Groups(long runId, Instant weekStart, Map<String, double[]> byKey, double[] population) {

        /** The profile of the contact's group: zone and tier, else zone, else the population. */
        double[] of(String zone, String tier) {
            double[] group = byKey.get(zone + "|" + tier);
            if (group == null) {
                group = byKey.get(zone);
            }
            return group == null ? population : group;
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
        groups = load(run.get().id(), run.get().startedAt());
        cached = groups;
        return groups;
    }

    private Groups load(long runId, Instant startedAt) {
        Instant weekStart = startedAt.truncatedTo(ChronoUnit.HOURS);
        Map<String, double[]> sums = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        double[] population = new double[HourProfile.HOURS];
        long[] everyone = new long[1];
        // one pass in a read-only transaction, so PostgreSQL streams the rows (fetch size) instead of
        // holding them all; every stored row counts, each by its own week start (a row written by an
        // earlier run is shifted onto this run's week)
        transactions.executeWithoutResult(tx -> streaming.query("""
                SELECT h.computed_at, h.time_zone, h.hours, p.tier
                FROM contact_prediction_hours h LEFT JOIN contact_predictions p ON p.contact_id = h.contact_id
                """, rs -> {
            Instant computedAt = rs.getTimestamp(1).toInstant();
            String zone = rs.getString(2);
            HourProfile hours = HourProfile.decode(rs.getBytes(3));
            String tier = rs.getString(4);
            int shift = (int) Math.floorMod(
                    Duration.between(weekStart, computedAt.truncatedTo(ChronoUnit.HOURS))
                            .toHours(),
                    (long) HourProfile.HOURS);
            double[] byZoneTier = sums.computeIfAbsent(zone + "|" + tier, k -> new double[HourProfile.HOURS]);
            double[] byZone = sums.computeIfAbsent(zone, k -> new double[HourProfile.HOURS]);
            counts.computeIfAbsent(zone + "|" + tier, k -> new long[1])[0]++;
            counts.computeIfAbsent(zone, k -> new long[1])[0]++;
            everyone[0]++;
            for (int k = 0; k < HourProfile.HOURS; k++) {
                double p = hours.open(k);
                int slot = (k + shift) % HourProfile.HOURS;
                byZoneTier[slot] += p;
                byZone[slot] += p;
                population[slot] += p;
            }
        }));
        if (everyone[0] == 0) {
            return null;
        }
        Map<String, double[]> means = new HashMap<>();
        sums.forEach((key, sum) -> {
            long n = counts.get(key)[0];
            if (n < properties.minGroupSize()) {
                return; // too few to speak for "people like them": the zone's or the population's instead
            }
            double[] mean = new double[HourProfile.HOURS];
            for (int k = 0; k < HourProfile.HOURS; k++) {
                mean[k] = sum[k] / n;
            }
            means.put(key, mean);
        });
        for (int k = 0; k < HourProfile.HOURS; k++) {
            population[k] /= everyone[0];
        }
        return new Groups(runId, weekStart, means, population);
    }
}
