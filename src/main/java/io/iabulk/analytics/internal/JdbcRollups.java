package io.iabulk.analytics.internal;

import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.analytics.RollupTotal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads rollups. */
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
        return jdbc.sql("SELECT bucket, type, dimension, sum(n), sum(amount) FROM " + table + """
                         WHERE type IN (:types) AND bucket >= :from AND bucket < :to
                           AND (CAST(:contest AS BIGINT) IS NULL OR contest_id = :contest)
                           AND (CAST(:campaign AS BIGINT) IS NULL OR campaign_id = :campaign)
                         GROUP BY bucket, type, dimension
                         ORDER BY bucket, type, dimension
                        """)
                .param("types", types)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("contest", contestId)
                .param("campaign", campaignId)
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
        return jdbc.sql("""
                        SELECT type, dimension, sum(n), sum(amount) FROM analytics_rollups_day
                         WHERE type IN (:types)
                           AND (CAST(:contest AS BIGINT) IS NULL OR contest_id = :contest)
                           AND (CAST(:campaign AS BIGINT) IS NULL OR campaign_id = :campaign)
                         GROUP BY type, dimension
                         ORDER BY type, dimension
                        """)
                .param("types", types)
                .param("contest", contestId)
                .param("campaign", campaignId)
                .query((rs, row) ->
                        new RollupTotal(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)))
                .list();
    }
}
