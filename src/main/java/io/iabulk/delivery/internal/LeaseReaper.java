package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.DeliveryProperties.UnknownPolicy;
import io.iabulk.delivery.internal.SendCounts.Deltas;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds sends whose lease expired while in flight (their instance died or hung) and makes them
 * {@code UNKNOWN}, claimable again, or {@code FAILED} under the {@code FAIL} policy. Also beats
 * this instance's heartbeat, by which campaign rates are shared.
 */
@Component
public class LeaseReaper {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);
    private static final int BATCH = 1_000;

    private record Expired(long id, Long campaignId) {}

    private final JdbcClient jdbc;
    private final SendCounts counts;
    private final JdbcSendCampaigns campaigns;
    private final TransactionTemplate transactions;
    private final UnknownPolicy policy;
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
                    policy == UnknownPolicy.RESEND ? "UNKNOWN, to be sent again" : "FAILED");
        }
        return total;
    }

    private int reapBatch(Instant now) {
        // FOR UPDATE waits for a committer writing one of these rows; the status is then read again
        // and a row it settled is left alone
        List<Expired> expired = jdbc.sql("""
                SELECT id, campaign_id FROM email_sends
                WHERE status = 'SENDING' AND lease_until < :now
                ORDER BY id
                LIMIT :batch
                FOR UPDATE
                """)
                .param("now", SqlTime.ts(now))
                .param("batch", BATCH)
                .query((rs, row) -> new Expired(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2)))
                .list();
        if (expired.isEmpty()) {
            return 0;
        }
        SendStatus to = policy == UnknownPolicy.RESEND ? SendStatus.UNKNOWN : SendStatus.FAILED;
        // leased_by stays: a late outcome of the instance that held the lease is still recorded
        jdbc.sql("""
                UPDATE email_sends
                SET status = :status, next_attempt_at = :now, lease_until = NULL,
                    error = CASE WHEN :status = 'FAILED' THEN 'outcome unknown: the lease expired in flight' ELSE error END
                WHERE id = ANY(:ids)
                """)
                .param("status", to.name())
                .param("now", SqlTime.ts(now))
                .param("ids", expired.stream().map(Expired::id).toArray(Long[]::new))
                .update();
        Deltas deltas = new Deltas();
        for (Expired row : expired) {
            deltas.move(row.campaignId(), SendStatus.SENDING, to);
        }
        counts.apply(deltas);
        return expired.size();
    }
}
