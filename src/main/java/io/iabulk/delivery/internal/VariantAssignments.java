package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.internal.VariantCounts.Count;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives claimed rows of an adaptive campaign their subject variant (ADR 0023): while fewer than
 * the warm-up share of the audience have one, the variant with the fewest rows so far (an even
 * split); after that a Thompson draw from the Beta posteriors of the human opens (or clicks) per
 * sent message. Runs inside the claim's transaction, the campaign's variant counters locked.
 */
@Component
public class VariantAssignments {

    /** Row statuses that make up a campaign's audience (not the contacts skipped as suppressed). */
    private static final List<SendStatus> AUDIENCE = List.of(
            SendStatus.QUEUED,
            SendStatus.SENDING,
            SendStatus.UNKNOWN,
            SendStatus.SENT,
            SendStatus.FAILED,
            SendStatus.BOUNCED,
            SendStatus.CANCELLED);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final VariantCounts counts;
    private final SendCounts sendCounts;
    private final double warmupFraction;
    private RandomGenerator random;

    VariantAssignments(
            JdbcClient jdbc,
            JdbcTemplate template,
            VariantCounts counts,
            SendCounts sendCounts,
            DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.counts = counts;
        this.sendCounts = sendCounts;
        this.warmupFraction = properties.adaptiveSubjects().warmupFraction();
        Long seed = properties.adaptiveSubjects().seed();
        this.random = seed == null
                ? RandomGeneratorFactory.of("L64X128MixRandom").create()
                : RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Restarts the sampler's random numbers from a seed (tests and simulations). */
    public synchronized void reseed(long seed) {
        random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** The adaptive settings of a campaign, or null when it splits at the snapshot. */
    record Adaptive(int variants, boolean clicks) {}

    Adaptive adaptive(long campaignId) {
        // primary key lookup
        return jdbc.sql("SELECT adaptive_variants, adaptive_goal FROM send_campaigns WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .query((rs, row) -> {
                    int variants = rs.getInt(1);
                    return rs.wasNull() ? null : new Adaptive(variants, "CLICK".equals(rs.getString(2)));
                })
                .optional()
                .orElse(null);
    }

    /**
     * Assigns a variant to each claimed row that has none (variant -1 in {@code sends}), writes it
     * and counts it; returns the sends with their variants. Rows that had one keep it (a row claimed
     * again after its lease expired may already be out with that subject).
     */
    List<QueuedSend> assign(long campaignId, List<QueuedSend> sends) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            if (sends.get(i).variant() < 0) {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return sends;
        }
        Adaptive adaptive = adaptive(campaignId);
        int[] chosen;
        if (adaptive == null || adaptive.variants() < 2) {
            chosen = new int[open.size()]; // not (or no longer) adaptive: the first subject
        } else {
            List<Count> now = counts.lock(campaignId, adaptive.variants());
            Map<SendStatus, Long> statuses = sendCounts.of(campaignId);
            long audience = AUDIENCE.stream().mapToLong(statuses::get).sum();
            synchronized (this) {
                chosen = allocate(now, audience, warmupFraction, adaptive.clicks(), open.size(), random);
            }
        }
        List<QueuedSend> assigned = new ArrayList<>(sends);
        Long[] ids = new Long[open.size()];
        Integer[] variants = new Integer[open.size()];
        VariantCounts.Deltas deltas = new VariantCounts.Deltas();
        for (int j = 0; j < open.size(); j++) {
            QueuedSend send = sends.get(open.get(j));
            assigned.set(
                    open.get(j),
                    new QueuedSend(
                            send.sendId(),
                            send.campaignId(),
                            send.contactId(),
                            send.templateId(),
                            chosen[j],
                            send.attempt(),
                            send.context()));
            ids[j] = send.sendId();
            variants[j] = chosen[j];
            deltas.assigned(campaignId, chosen[j]);
        }
        // the rows are this claim's (locked by it); one batch, one round trip
        List<Object[]> updates = new ArrayList<>(ids.length);
        for (int j = 0; j < ids.length; j++) {
            updates.add(new Object[] {variants[j], ids[j]});
        }
        template.batchUpdate("UPDATE email_sends SET variant = ? WHERE id = ?", updates);
        counts.apply(deltas);
        return assigned;
    }

    /**
     * The variants of {@code n} rows given the counts so far: an even split (the variant with the
     * fewest rows, lowest index first) until {@code warmupFraction} of the audience has one, then
     * one Thompson draw per row from Beta(1 + successes, 1 + sent - successes), successes being
     * human opens or, with {@code clicks}, human clicks.
     */
    public static int[] allocate(
            List<Count> counts, long audience, double warmupFraction, boolean clicks, int n, RandomGenerator random) {
        int k = counts.size();
        long[] assigned = new long[k];
        long[] successes = new long[k];
        long[] trials = new long[k];
        long total = 0;
        for (int v = 0; v < k; v++) {
            Count count = counts.get(v);
            assigned[v] = count.assigned();
            successes[v] = clicks ? count.clicked() : count.opened();
            trials[v] = Math.max(count.sent(), successes[v]);
            total += count.assigned();
        }
        // rounded up, less a hair: 0.1 x 120 is 12.000000000000002 in binary floating point
        long warmup = (long) Math.ceil(warmupFraction * audience - 1e-9);
        int[] chosen = new int[n];
        for (int i = 0; i < n; i++) {
            int v;
            if (total < warmup) {
                v = 0;
                for (int u = 1; u < k; u++) {
                    if (assigned[u] < assigned[v]) {
                        v = u;
                    }
                }
            } else {
                v = BetaPosteriors.thompson(successes, trials, random);
            }
            chosen[i] = v;
            assigned[v]++;
            total++;
        }
        return chosen;
    }
}
