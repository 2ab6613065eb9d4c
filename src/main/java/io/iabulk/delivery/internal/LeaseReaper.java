package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.DeliveryProperties.UnknownPolicy;
import io.iabulk.delivery.internal.SendCounts.Deltas;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds sends whose lease expired while in flight (their instance died or hung, or their outcome
 * could not be recorded) and makes them {@code UNKNOWN}, claimable again, or {@code FAILED} under
 * the {@code FAIL} policy. A row whose expired claim was its last attempt ({@code
 * retry.max-attempts}) fails too: an outcome that can never be recorded would otherwise send the
 * message again at every lease, forever. Also beats this instance's heartbeat, by which campaign
 * rates are shared.
 */
@Component
public class LeaseReaper {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);
    private static final int BATCH = 1_000;

    private record Expired(long id, Long campaignId, int attempts) {}

    private final JdbcClient jdbc;
    private final SendCounts counts;
    private final JdbcSendCampaigns campaigns;
    private final TransactionTemplate transactions;
    private final UnknownPolicy policy;
    private final int maxAttempts;
    private final String instanceId;
    private final Clock clock;

    LeaseReaper(
            JdbcClient jdbc,
            SendCounts counts,
            JdbcSendCampaigns campaigns,
            PlatformTransactionManager transactions,
            DeliveryProperties properties,
            DeliveryInstance instance,
            Clock clock) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.campaigns = campaigns;
        this.transactions = new TransactionTemplate(transactions);
        this.policy = properties.unknownPolicy();
        this.maxAttempts = properties.retry().maxAttempts();
        this.instanceId = instance.id();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${iabulk.delivery.reaper-interval:5s}", initialDelay = 1_000)
    void tick() {
        try {
            campaigns.heartbeat(instanceId, clock.instant());
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Lease reaper failed; trying again at the next tick: {}", e.toString());
        }
    }

    /** Moves expired leases on, a batch per transaction; returns how many rows moved. */
    public int runOnce() {
        int total = 0;
        while (true) {
            Integer moved = transactions.execute(tx -> reapBatch(clock.instant()));
            total += moved == null ? 0 : moved;
            if (moved == null || moved < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.warn(
                    "{} sends were in flight past their lease: now {}",
                    total,
                    policy == UnknownPolicy.RESEND
                            ? "UNKNOWN, to be sent again (FAILED when it was their last attempt)"
                            : "FAILED");
        }
        return total;
    }

    private int reapBatch(Instant now) {
        // FOR UPDATE waits for a committer writing one of these rows; the status is then read again
        // and a row it settled is left alone
        List<Expired> expired = jdbc.sql("""
                SELECT id, campaign_id, attempts FROM email_sends
                WHERE status = 'SENDING' AND lease_until < :now
                ORDER BY id
                LIMIT :batch
                FOR UPDATE
                """)
                .param("now", SqlTime.ts(now))
                .param("batch", BATCH)
                .query((rs, row) ->
                        new Expired(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getInt(3)))
                .list();
        if (expired.isEmpty()) {
            return 0;
        }
        Deltas deltas = new Deltas();
        List<Long> resend = new ArrayList<>();
        List<Long> fail = new ArrayList<>();
        for (Expired row : expired) {
            boolean last = policy == UnknownPolicy.FAIL || row.attempts() >= maxAttempts;
            (last ? fail : resend).add(row.id());
            deltas.move(row.campaignId(), SendStatus.SENDING, last ? SendStatus.FAILED : SendStatus.UNKNOWN);
        }
        move(resend, SendStatus.UNKNOWN, null, now);
        move(fail, SendStatus.FAILED, "outcome unknown: the lease expired in flight", now);
        counts.apply(deltas);
        return expired.size();
    }

    private void move(List<Long> ids, SendStatus to, String error, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        // leased_by stays: a late outcome of the instance that held the lease is still recorded
        jdbc.sql("""
                UPDATE email_sends
                SET status = :status, next_attempt_at = :now, lease_until = NULL, error = COALESCE(:error, error)
                WHERE id = ANY(:ids)
                """)
                .param("status", to.name())
                .param("now", SqlTime.ts(now))
                .param("error", error, java.sql.Types.VARCHAR)
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }
}
