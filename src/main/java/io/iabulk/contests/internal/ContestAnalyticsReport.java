package io.iabulk.contests.internal;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.contests.ContestAnalytics;
import io.iabulk.contests.ContestAnalytics.Bucket;
import io.iabulk.contests.ContestAnalytics.Funnel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contest analytics report: buckets from the rollups, the funnel from the contest counters,
 * the top referrers' share from the leaderboard index. Nothing scans participants or referrals.
 */
@Component
public class ContestAnalyticsReport {

    private static final Set<String> TYPES = Set.of(
            EventTypes.CONTEST_SIGNUP,
            EventTypes.CONTEST_CONFIRMED,
            EventTypes.REFERRAL_CREDITED,
            EventTypes.REFERRAL_FLAGGED,
            EventTypes.REFERRAL_REJECTED);

    private final AnalyticsService analytics;
    private final ContestTotals totals;
    private final JdbcClient jdbc;

    ContestAnalyticsReport(AnalyticsService analytics, ContestTotals totals, JdbcClient jdbc) {
        this.analytics = analytics;
        this.totals = totals;
        this.jdbc = jdbc;
    }

    /** The report for the buckets that start in [bucket of {@code from}, {@code to}). */
    @Transactional(readOnly = true)
    public ContestAnalytics report(long contestId, Instant from, Instant to, Granularity granularity) {
        Instant first = granularity.bucketOf(from);
        Map<Instant, long[]> counts = new HashMap<>();
        for (RollupBucket b : analytics.series(TYPES, contestId, 0L, first, to, granularity)) {
            long[] row = counts.computeIfAbsent(b.start(), k -> new long[5]);
            row[index(b.type())] += b.count();
        }
        List<Bucket> buckets = new ArrayList<>();
        for (Instant start = first; start.isBefore(to); start = start.plus(granularity.width())) {
            long[] row = counts.getOrDefault(start, new long[5]);
            buckets.add(new Bucket(start, row[0], row[1], row[2], row[3], row[4]));
        }
        ContestTotals.Totals t = totals.of(contestId);
        double viral = t.confirmed() == 0 ? 0.0 : (double) t.credited() / t.confirmed();
        return new ContestAnalytics(
                granularity.name().toLowerCase(Locale.ROOT),
                buckets,
                new Funnel(t.participants(), t.confirmed(), t.referred()),
                viral,
                topShare(contestId, t));
    }

    private double topShare(long contestId, ContestTotals.Totals t) {
        if (t.credited() <= 0 || t.referred() <= 0) {
            return 0.0;
        }
        long top = (t.referred() + 99) / 100;
        // walks the first `top` entries of contest_participants_rank_idx (referrals DESC), an
        // index-only read of ⌈1 %⌉ of the referrers instead of a scan of the contest
        long referrals = jdbc.sql("""
                SELECT COALESCE(sum(referrals), 0) FROM (
                    SELECT referrals FROM contest_participants WHERE contest_id = :contestId
                    ORDER BY referrals DESC, points DESC, created_at, id LIMIT :top) best
                """)
                .param("contestId", contestId)
                .param("top", top)
                .query(Long.class)
                .single();
        return (double) referrals / t.credited();
    }

    private static int index(String type) {
        return switch (type) {
            case EventTypes.CONTEST_SIGNUP -> 0;
            case EventTypes.CONTEST_CONFIRMED -> 1;
            case EventTypes.REFERRAL_CREDITED -> 2;
            case EventTypes.REFERRAL_FLAGGED -> 3;
            default -> 4;
        };
    }
}
