package io.iabulk.delivery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per campaign and subject variant: rows assigned, sent, and opened or clicked by a human ({@code
 * email_variant_counts}). Callers change them by deltas inside the transactions that move the rows,
 * so adaptive sampling reads a few rows however large the campaign (ADR 0023).
 */
@Repository
public class VariantCounts {

    /** The counts of one variant. */
    public record Count(int variant, long assigned, long sent, long opened, long clicked) {}

    private final JdbcClient jdbc;
    /** Variant rows known to exist (never deleted, so the cache cannot go stale). */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    VariantCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the count rows of variants 0 to {@code variants - 1} (all zero) unless they exist. */
    public void ensure(long campaignId, int variants) {
        for (int v = 0; v < variants; v++) {
            ensureRow(campaignId, v);
        }
    }

    private void ensureRow(long campaignId, int variant) {
        String key = campaignId + ":" + variant;
        if (ensured.contains(key)) {
            return;
        }
        jdbc.sql("""
                INSERT INTO email_variant_counts (campaign_id, variant, assigned, sent, opened, clicked)
                VALUES (:campaign, :variant, 0, 0, 0, 0) ON CONFLICT DO NOTHING
                """).param("campaign", campaignId).param("variant", variant).update();
        ensured.add(key);
    }

    /** A campaign's counts, by variant, missing variants as zeros up to {@code variants}. */
    public List<Count> of(long campaignId, int variants) {
        Map<Integer, Count> found = new TreeMap<>();
        // the primary key's (campaign_id, variant) prefix
        jdbc.sql("""
                SELECT variant, assigned, sent, opened, clicked FROM email_variant_counts
                WHERE campaign_id = :campaign ORDER BY variant
                """)
                .param("campaign", campaignId)
                .query((rs, row) -> new Count(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list()
                .forEach(count -> found.put(count.variant(), count));
        List<Count> counts = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            counts.add(found.getOrDefault(v, new Count(v, 0, 0, 0, 0)));
        }
        return counts;
    }

    /**
     * The counts of an adaptive campaign's variants, their rows locked (in variant order) until the
     * transaction ends: claims of one campaign assign variants one after the other, each seeing the
     * assignments before it.
     */
    List<Count> lock(long campaignId, int variants) {
        ensure(campaignId, variants);
        return jdbc.sql("""
                SELECT variant, assigned, sent, opened, clicked FROM email_variant_counts
                WHERE campaign_id = :campaign AND variant < :variants ORDER BY variant FOR UPDATE
                """)
                .param("campaign", campaignId)
                .param("variants", variants)
                .query((rs, row) -> new Count(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /**
     * Applies the deltas now. Rows are updated in (campaign, variant) order, so concurrent
     * transactions take their locks in the same order.
     */
    public void apply(Deltas deltas) {
        deltas.byVariant.forEach((key, n) -> {
            ensureRow(key.campaign(), key.variant());
            jdbc.sql("""
                    UPDATE email_variant_counts
                    SET assigned = assigned + :assigned, sent = sent + :sent, opened = opened + :opened,
                        clicked = clicked + :clicked
                    WHERE campaign_id = :campaign AND variant = :variant
                    """)
                    .param("assigned", n[0])
                    .param("sent", n[1])
                    .param("opened", n[2])
                    .param("clicked", n[3])
                    .param("campaign", key.campaign())
                    .param("variant", key.variant())
                    .update();
        });
    }

    /**
     * Applies the deltas just before the current transaction commits (at once without one): the
     * tracking transactions that mark opens and clicks lock several groups of send rows, and taking
     * the counters' locks last keeps them from ever waiting on each other in a cycle.
     */
    public void applyBeforeCommit(Deltas deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            apply(deltas);
            return;
        }
        Deltas pending = (Deltas) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Deltas collected = new Deltas();
            TransactionSynchronizationManager.bindResource(this, collected);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    apply(collected);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(VariantCounts.this);
                }
            });
            pending = collected;
        }
        pending.addAll(deltas);
    }

    private record Key(long campaign, int variant) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byCampaign = Long.compare(campaign, other.campaign);
            return byCampaign != 0 ? byCampaign : Integer.compare(variant, other.variant);
        }
    }

    /** Count changes collected while rows move; rows without a campaign or variant are not counted. */
    public static final class Deltas {

        private final Map<Key, long[]> byVariant = new TreeMap<>();

        private Deltas add(Long campaignId, Integer variant, int column, long n) {
            if (campaignId != null && variant != null && n != 0) {
                byVariant.computeIfAbsent(new Key(campaignId, variant), k -> new long[4])[column] += n;
            }
            return this;
        }

        public Deltas assigned(Long campaignId, Integer variant) {
            return add(campaignId, variant, 0, 1);
        }

        public Deltas sent(Long campaignId, Integer variant) {
            return add(campaignId, variant, 1, 1);
        }

        public Deltas opened(Long campaignId, Integer variant) {
            return add(campaignId, variant, 2, 1);
        }

        public Deltas clicked(Long campaignId, Integer variant) {
            return add(campaignId, variant, 3, 1);
        }

        boolean isEmpty() {
            return byVariant.isEmpty();
        }

        void addAll(Deltas other) {
            other.byVariant.forEach((key, n) -> {
                long[] mine = byVariant.computeIfAbsent(key, k -> new long[4]);
                for (int i = 0; i < 4; i++) {
                    mine[i] += n[i];
                }
            });
        }
    }
}
