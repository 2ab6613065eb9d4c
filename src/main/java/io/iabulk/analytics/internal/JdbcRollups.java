package io.iabulk.analytics.internal;

import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.analytics.RollupTotal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads rollups. The SQL is built per filter combination (campaign and contest / campaign /
 * contest / neither) with only the predicates that hold, so each form reads an exact index range:
 * the primary key (campaign, contest, type, ...), {@code (campaign_id, type, bucket)}, {@code
 * (contest_id, type, bucket)}, or the all-rows ({@link RollupCounter#ALL}) by primary key. A
 * generic {@code :x IS NULL OR col = :x} would leave the planner one plan for all and no range.
 */
@Repository
public class JdbcRollups {

    private final JdbcClient jdbc;

    JdbcRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Buckets in [from, to) summed over what the filters leave open (null: every contest or campaign). */
    public List<RollupBucket> series(
            Set<String> types, Long contestId, Long campaignId, Instant from, Instant to, Granularity granularity) {
        String table = "analytics_rollups_" + granularity.name().toLowerCase(Locale.ROOT);
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT bucket, type, dimension, sum(n), sum(amount) FROM "
                        + table + " WHERE " + filters(contestId, campaignId)
                        + " AND type IN (:types) AND bucket >= :from AND bucket < :to"
                        + " GROUP BY bucket, type, dimension ORDER BY bucket, type, dimension")
                .param("types", types)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to));
        return bind(statement, contestId, campaignId)
                .query((rs, row) -> new RollupBucket(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5)))
                .list();
    }

    /** Totals over all time, from the day table. */
    public List<RollupTotal> totals(Set<String> types, Long contestId, Long campaignId) {
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT type, dimension, sum(n), sum(amount)"
                        + " FROM analytics_rollups_day WHERE " + filters(contestId, campaignId)
                        + " AND type IN (:types) GROUP BY type, dimension ORDER BY type, dimension")
                .param("types", types);
        return bind(statement, contestId, campaignId)
                .query((rs, row) ->
                        new RollupTotal(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)))
                .list();
    }

    /**
     * The counts per type of one minute, summed over what the filters leave open (null: every
     * contest or campaign; the live stream, one query per update and filter, by the minute table's
     * bucket index).
     */
    public Map<String, Long> minute(Instant minute, Long contestId, Long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT type, sum(n) FROM analytics_rollups_minute"
                        + " WHERE bucket = :minute AND " + filters(contestId, campaignId)
                        + " GROUP BY type ORDER BY type")
                .param("minute", Timestamp.from(minute));
        bind(statement, contestId, campaignId).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /**
     * The types counted since {@code since}, in name order: the day table's all-rows (every type is
     * counted there, custom events too): the primary key's range of (-1, -1), one row per type,
     * dimension and day, the days before {@code since} filtered on the index entries.
     */
    public List<String> types(Instant since) {
        return jdbc.sql("SELECT DISTINCT type FROM analytics_rollups_day WHERE campaign_id = " + RollupCounter.ALL
                        + " AND contest_id = " + RollupCounter.ALL + " AND bucket >= :since ORDER BY type")
                .param("since", Timestamp.from(since))
                .query(String.class)
                .list();
    }

    private static String filters(Long contestId, Long campaignId) {
        if (campaignId != null && contestId != null) {
            return "campaign_id = :campaign AND contest_id = :contest";
        }
        if (campaignId != null) {
            return "campaign_id = :campaign";
        }
        if (contestId != null) {
            return "contest_id = :contest";
        }
        // the all-rows already sum every campaign and contest: one row per bucket instead of many
        return "campaign_id = " + RollupCounter.ALL + " AND contest_id = " + RollupCounter.ALL;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Long contestId, Long campaignId) {
        if (campaignId != null) {
            statement = statement.param("campaign", campaignId);
        }
        if (contestId != null) {
            statement = statement.param("contest", contestId);
        }
        return statement;
    }
}
