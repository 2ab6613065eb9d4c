package io.iabulk.delivery.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-campaign status counts ({@code email_send_counts}). Callers change them by deltas inside
 * the transaction that moves the rows, so they always equal the rows.
 */
@Repository
public class SendCounts {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    /** Campaigns whose count rows exist (rows are never deleted, so the cache cannot go stale). */
    private final Set<Long> ensured = ConcurrentHashMap.newKeySet();

    SendCounts(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Creates the count rows of a campaign (all zero) unless they exist. */
    public void ensure(long campaignId) {
        if (ensured.contains(campaignId)) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        for (SendStatus status : SendStatus.values()) {
            rows.add(new Object[] {campaignId, status.name()});
        }
        template.batchUpdate(
                "INSERT INTO email_send_counts (campaign_id, status, n) VALUES (?, ?, 0) ON CONFLICT DO NOTHING", rows);
        ensured.add(campaignId);
    }

    /**
     * Applies the deltas. Rows are updated in (campaign, status) order, so concurrent transactions
     * take the count rows' locks in the same order and never deadlock on them.
     */
    public void apply(Deltas deltas) {
        List<Object[]> updates = new ArrayList<>();
        deltas.byCampaign.forEach((campaign, byStatus) -> {
            ensure(campaign);
            byStatus.forEach((status, n) -> {
                if (n != 0) {
                    updates.add(new Object[] {n, campaign, status.name()});
                }
            });
        });
        if (!updates.isEmpty()) {
            template.batchUpdate(
                    "UPDATE email_send_counts SET n = n + ? WHERE campaign_id = ? AND status = ?", updates);
        }
    }

    /** The counts of a campaign by status (zero for statuses it never had). */
    public Map<SendStatus, Long> of(long campaignId) {
        Map<SendStatus, Long> counts = new EnumMap<>(SendStatus.class);
        for (SendStatus status : SendStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, n FROM email_send_counts WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .query(rs -> {
                    counts.put(SendStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** The counts of several campaigns by status, in one query; every id is present. */
    public Map<Long, Map<SendStatus, Long>> of(java.util.Collection<Long> campaignIds) {
        Map<Long, Map<SendStatus, Long>> all = new java.util.HashMap<>();
        for (Long id : campaignIds) {
            Map<SendStatus, Long> counts = new EnumMap<>(SendStatus.class);
            for (SendStatus status : SendStatus.values()) {
                counts.put(status, 0L);
            }
            all.put(id, counts);
        }
        if (campaignIds.isEmpty()) {
            return all;
        }
        // the (campaign_id, status) primary key answers each id
        jdbc.sql("SELECT campaign_id, status, n FROM email_send_counts WHERE campaign_id IN (:campaigns)")
                .param("campaigns", campaignIds)
                .query(rs -> {
                    all.get(rs.getLong(1)).put(SendStatus.valueOf(rs.getString(2)), rs.getLong(3));
                });
        return all;
    }

    /** Count changes collected while rows move; transactional sends (no campaign) are not counted. */
    public static final class Deltas {

        private final Map<Long, Map<SendStatus, Long>> byCampaign = new TreeMap<>();

        public Deltas add(Long campaignId, SendStatus status, long n) {
            if (campaignId != null && n != 0) {
                byCampaign.computeIfAbsent(campaignId, c -> new TreeMap<>()).merge(status, n, Long::sum);
            }
            return this;
        }

        /** One row moved from one status to another. */
        public Deltas move(Long campaignId, SendStatus from, SendStatus to) {
            if (from != to) {
                add(campaignId, from, -1);
                add(campaignId, to, 1);
            }
            return this;
        }

        public boolean isEmpty() {
            return byCampaign.isEmpty();
        }
    }
}
