package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.CampaignFinished;
import io.iabulk.campaigns.CampaignStatus;
import io.iabulk.campaigns.CampaignsLifecycleProperties;
import io.iabulk.campaigns.SendTimePlanner;
import io.iabulk.campaigns.internal.JdbcCampaignRepository.CampaignRow;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SendProgress;
import io.iabulk.delivery.SnapshotChunk;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives campaigns forward on every instance: starts scheduled ones when due, snapshots the
 * audiences of running ones chunk by chunk (one transaction per chunk, the cursor stored with it,
 * the campaign row locked with SKIP LOCKED so one instance works on a campaign at a time), and
 * finishes those whose every send has an outcome.
 */
@Component
public class CampaignWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CampaignWorker.class);
    private static final int FIRST_CHUNK = 1_000;

    private final JdbcCampaignRepository campaigns;
    private final CampaignAudiences audiences;
    private final DeliveryService delivery;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final CampaignsLifecycleProperties properties;
    private final Clock clock;
    private final SendTimePlans plans;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread loop;
    private volatile boolean running;

    CampaignWorker(
            JdbcCampaignRepository campaigns,
            CampaignAudiences audiences,
            DeliveryService delivery,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            CampaignsLifecycleProperties properties,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<SendTimePlanner> planner) {
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.delivery = delivery;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.plans = new SendTimePlans(planner);
    }

    /** Runs the loop soon after the current transaction commits (a campaign was started). */
    public void wakeUpAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp.release();
                }
            });
        } else {
            wakeUp.release();
        }
    }

    /**
     * One pass: due scheduled campaigns start, every running campaign gets its audience snapshotted
     * to the end (chunk by chunk), settled ones finish. Returns the number of chunks snapshotted.
     */
    public int runOnce() {
        Instant now = clock.instant();
        for (CampaignRow scheduled : campaigns.inStatus(CampaignStatus.SCHEDULED)) {
            if (scheduled.sendAt() == null || !scheduled.sendAt().isAfter(now)) {
                startScheduled(scheduled);
            }
        }
        int chunks = 0;
        for (CampaignStatus status : List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED)) {
            for (CampaignRow campaign : campaigns.inStatus(status)) {
                if (!campaign.snapshotDone()) {
                    chunks += snapshot(campaign.id());
                }
            }
        }
        for (CampaignRow campaign : campaigns.inStatus(CampaignStatus.RUNNING)) {
            if (campaign.snapshotDone()) {
                finishIfSettled(campaign);
            }
        }
        return chunks;
    }

    private void startScheduled(CampaignRow campaign) {
        transactions.executeWithoutResult(status -> {
            if (campaigns.transition(
                    campaign.id(), Set.of(CampaignStatus.SCHEDULED), CampaignStatus.RUNNING, clock.instant())) {
                delivery.activate(campaign.id(), campaign.maxRatePerSecond(), campaign.adaptive());
                log.info("Campaign {} reached its send time and started", campaign.id());
            }
        });
    }

    /** Snapshots chunks until the audience is complete, another instance holds it, or we stop. */
    private int snapshot(long campaignId) {
        int chunks = 0;
        while (running || loop == null) {
            Boolean more = transactions.execute(status -> {
                Optional<CampaignRow> locked = campaigns.lockForSnapshot(campaignId);
                if (locked.isEmpty()) {
                    return false;
                }
                CampaignRow campaign = locked.get();
                int variants = campaign.subjectVariants() == null
                        ? 1
                        : campaign.subjectVariants().size();
                long after = campaign.snapshotCursor() == null ? 0 : campaign.snapshotCursor();
                // a small first chunk: the first messages leave while the rest is still inserted
                int size = campaign.snapshotCursor() == null
                        ? Math.min(FIRST_CHUNK, properties.snapshotChunk())
                        : properties.snapshotChunk();
                // a send-time optimised campaign plans each chunk's rows from its start: a chunk
                // snapshotted again (after a crash) gets the same times
                SnapshotChunk chunk = campaign.stoWindowHours() == null
                        ? delivery.snapshot(campaignId, audiences.of(campaign.audience()), variants, after, size)
                        : delivery.snapshot(
                                campaignId,
                                audiences.of(campaign.audience()),
                                variants,
                                after,
                                size,
                                plans.times(start(campaign), campaign.stoWindowHours()));
                campaigns.advanceSnapshot(
                        campaignId, Math.max(after, chunk.lastContactId()), chunk.done(), clock.instant());
                return !chunk.done();
            });
            chunks++;
            if (!Boolean.TRUE.equals(more)) {
                return chunks;
            }
        }
        return chunks;
    }

    private Instant start(CampaignRow campaign) {
        return campaign.startedAt() == null ? clock.instant() : campaign.startedAt();
    }

    private void finishIfSettled(CampaignRow campaign) {
        SendProgress progress = delivery.progress(campaign.id());
        if (!progress.settled()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (campaigns.transition(
                    campaign.id(), Set.of(CampaignStatus.RUNNING), CampaignStatus.FINISHED, clock.instant())) {
                delivery.deactivate(campaign.id());
                events.publishEvent(new CampaignFinished(
                        campaign.id(), progress.sent(), progress.failed() + progress.bounced(), progress.suppressed()));
                log.info(
                        "Campaign {} finished: {} sent, {} failed, {} bounced, {} suppressed",
                        campaign.id(),
                        progress.sent(),
                        progress.failed(),
                        progress.bounced(),
                        progress.suppressed());
            }
        });
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("campaign-lifecycle").start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("Campaign lifecycle pass failed; retrying: {}", e.toString());
            }
            try {
                wakeUp.tryAcquire(properties.interval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.release();
        Thread thread = loop;
        if (thread != null) {
            try {
                // let a chunk in progress commit; interrupt only a loop that does not end
                if (!thread.join(java.time.Duration.ofSeconds(10))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
