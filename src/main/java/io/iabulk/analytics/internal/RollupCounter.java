package io.iabulk.analytics.internal;

import io.iabulk.analytics.Granularity;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts held in memory per rollup key and minute, written to the minute, hour and day tables in
 * one transaction by {@link #flush()}. Instances add to the same rows, so counts from several
 * instances sum up. Each count is also added to the all-row of its type ({@link #ALL} as campaign
 * and contest), so a series over every contest and campaign reads one row per bucket.
 */
@Component
public class RollupCounter {

    /** The campaign and contest id of the rows that sum a type over every campaign and contest. */
    public static final long ALL = -1;

    /** One rollup row's key at minute granularity. */
    record Key(long campaignId, long contestId, String type, String dimension, Instant minute) {}

    static final class Sum {
        long n;
        BigDecimal value = BigDecimal.ZERO;
    }

    private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::campaignId)
            .thenComparingLong(Key::contestId)
            .thenComparing(Key::type)
            .thenComparing(Key::dimension)
            .thenComparing(Key::minute);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    // adders share the read lock; a flush takes the write lock only to swap the map, so no add can
    // land in a map that is already being written (its count would be lost)
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private final Object flushing = new Object();
    private ConcurrentHashMap<Key, Sum> pending = new ConcurrentHashMap<>();

    RollupCounter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Adds to the count of a type (and dimension) in the minute of {@code at}. */
    public void add(
            String type, long contestId, long campaignId, String dimension, Instant at, long n, BigDecimal value) {
        Key key = new Key(
                campaignId, contestId, type, dimension == null ? "" : dimension, Granularity.MINUTE.bucketOf(at));
        swap.readLock().lock();
        try {
            Sum sum = pending.computeIfAbsent(key, k -> new Sum());
            synchronized (sum) {
                sum.n += n;
                if (value != null) {
                    sum.value = sum.value.add(value);
                }
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Writes what is held now; on failure the counts are put back for the next flush. */
    public void flush() {
        synchronized (flushing) {
            ConcurrentHashMap<Key, Sum> taken;
            swap.writeLock().lock();
            try {
                taken = pending;
                pending = new ConcurrentHashMap<>();
            } finally {
                swap.writeLock().unlock();
            }
            if (taken.isEmpty()) {
                return;
            }
            try {
                transactions.executeWithoutResult(tx -> {
                    for (Granularity granularity : Granularity.values()) {
                        write(granularity, taken);
                    }
                });
            } catch (RuntimeException e) {
                taken.forEach((key, sum) -> add(
                        key.type(),
                        key.contestId(),
                        key.campaignId(),
                        key.dimension(),
                        key.minute(),
                        sum.n,
                        sum.value));
                throw e;
            }
        }
    }

    private static void addTo(Map<Key, Sum> rows, Key row, Sum sum) {
        Sum total = rows.computeIfAbsent(row, k -> new Sum());
        total.n += sum.n;
        total.value = total.value.add(sum.value);
    }

    private void write(Granularity granularity, Map<Key, Sum> taken) {
        // aggregate to this granularity, then lock rows in key order so concurrent flushes of
        // several instances never deadlock: ensure each row, then add to it
        Map<Key, Sum> rows = new TreeMap<>(ORDER);
        taken.forEach((key, sum) -> {
            Key row = new Key(
                    key.campaignId(), key.contestId(), key.type(), key.dimension(), granularity.bucketOf(key.minute()));
            addTo(rows, row, sum);
            addTo(rows, new Key(ALL, ALL, row.type(), row.dimension(), row.minute()), sum);
        });
        String table = "analytics_rollups_" + granularity.name().toLowerCase(Locale.ROOT);
        List<Object[]> inserts = new ArrayList<>(rows.size());
        List<Object[]> updates = new ArrayList<>(rows.size());
        rows.forEach((key, sum) -> {
            Timestamp bucket = Timestamp.from(key.minute());
            inserts.add(new Object[] {key.campaignId(), key.contestId(), key.type(), key.dimension(), bucket});
            updates.add(new Object[] {
                sum.n, sum.value, key.campaignId(), key.contestId(), key.type(), key.dimension(), bucket
            });
        });
        jdbc.batchUpdate(
                "INSERT INTO " + table + " (campaign_id, contest_id, type, dimension, bucket, n, amount)"
                        + " VALUES (?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING",
                inserts);
        jdbc.batchUpdate(
                "UPDATE " + table + " SET n = n + ?, amount = amount + ?"
                        + " WHERE campaign_id = ? AND contest_id = ? AND type = ? AND dimension = ? AND bucket = ?",
                updates);
    }
}
