package io.iabulk.campaigns;

import io.iabulk.campaigns.internal.CampaignWorker;
import io.iabulk.campaigns.internal.JdbcCampaignRepository;
import io.iabulk.campaigns.internal.JdbcCampaignRepository.CampaignRow;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns module's facade for campaigns: create them, drive their lifecycle (start, pause,
 * resume, cancel) and read their progress. Sending itself is delivery's; this decides what is
 * queued and when.
 */
@Service
public class CampaignService {

    private final JdbcCampaignRepository campaigns;
    private final CampaignChecks checks;
    private final DeliveryService delivery;
    private final CampaignWorker worker;
    private final Clock clock;

    CampaignService(
            JdbcCampaignRepository campaigns,
            CampaignChecks checks,
            DeliveryService delivery,
            CampaignWorker worker,
            Clock clock) {
        this.campaigns = campaigns;
        this.checks = checks;
        this.delivery = delivery;
        this.worker = worker;
        this.clock = clock;
    }

    /** Creates a campaign in {@code DRAFT}. */
    @Transactional
    public Campaign create(NewCampaign campaign) {
        Long contextContest = checks.validate(campaign);
        long id = campaigns.insert(campaign, contextContest, clock.instant());
        return get(id);
    }

    @Transactional(readOnly = true)
    public Campaign get(long id) {
        return view(require(id));
    }

    /** The names of these campaigns, by id, in one query; unknown ids are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
        return campaigns.names(ids);
    }

    /** A page of campaigns by id. */
    @Transactional(readOnly = true)
    public List<Campaign> list(long after, int limit) {
        return campaigns.list(after, limit).stream().map(this::view).toList();
    }

    /**
     * The campaigns sending now (RUNNING) or paused mid-way (PAUSED), the latest started first, each
     * with its progress (a few counter rows per campaign).
     */
    @Transactional(readOnly = true)
    public List<Campaign> inProgress(int limit) {
        return campaigns.inStatuses(List.of(CampaignStatus.RUNNING, CampaignStatus.PAUSED), limit).stream()
                .map(this::view)
                .toList();
    }

    /**
     * A page of campaigns newest first, with their progress read in one query; pass the last id of
     * a page as {@code beforeId} for the next.
     */
    @Transactional(readOnly = true)
    public List<Campaign> recent(Long beforeId, int limit) {
        List<CampaignRow> rows = campaigns.listNewestFirst(beforeId == null ? Long.MAX_VALUE : beforeId, limit);
        java.util.Map<Long, io.iabulk.delivery.SendProgress> progress =
                delivery.progress(rows.stream().map(CampaignRow::id).toList());
        return rows.stream().map(row -> view(row, progress.get(row.id()))).toList();
    }

    /**
     * Starts a draft: {@code SCHEDULED} when its {@code sendAt} lies ahead, else {@code RUNNING} at
     * once (the audience is snapshotted in the background while the first messages go out).
     */
    @Transactional
    public Campaign start(long id) {
        CampaignRow campaign = require(id);
        checks.validateAudience(campaign.audience());
        if (campaign.status() == CampaignStatus.DRAFT) { // else the transition below says why not
            checks.validateUnsubscribeLink(campaign.templateId());
        }
        Instant now = clock.instant();
        boolean later = campaign.sendAt() != null && campaign.sendAt().isAfter(now);
        CampaignStatus to = later ? CampaignStatus.SCHEDULED : CampaignStatus.RUNNING;
        move(campaign, Set.of(CampaignStatus.DRAFT), to, now);
        if (!later) {
            delivery.activate(id, campaign.maxRatePerSecond(), campaign.adaptive());
            worker.wakeUpAfterCommit();
        }
        return get(id);
    }

    /** Stops claiming the campaign's messages; those in flight finish. */
    @Transactional
    public Campaign pause(long id) {
        CampaignRow campaign = require(id);
        move(campaign, Set.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED, clock.instant());
        delivery.deactivate(id);
        return get(id);
    }

    @Transactional
    public Campaign resume(long id) {
        CampaignRow campaign = require(id);
        move(campaign, Set.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING, clock.instant());
        delivery.activate(id, campaign.maxRatePerSecond(), campaign.adaptive());
        worker.wakeUpAfterCommit();
        return get(id);
    }

    /** Cancels for good: messages not yet sent become {@code CANCELLED}. */
    @Transactional
    public Campaign cancel(long id) {
        CampaignRow campaign = require(id);
        move(
                campaign,
                Set.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED),
                CampaignStatus.CANCELLED,
                clock.instant());
        delivery.cancel(id);
        return get(id);
    }

    private void move(CampaignRow campaign, Set<CampaignStatus> from, CampaignStatus to, Instant now) {
        if (!campaigns.transition(campaign.id(), from, to, now)) {
            CampaignStatus current = require(campaign.id()).status();
            throw new ConflictException(
                    "campaign-status",
                    "Campaign " + campaign.id() + " is " + current + "; it can become " + to + " only from "
                            + from.stream().map(Enum::name).sorted().toList() + ".");
        }
    }

    private CampaignRow require(long id) {
        return campaigns.find(id).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

    private Campaign view(CampaignRow row) {
        return view(row, delivery.progress(row.id()));
    }

    private Campaign view(CampaignRow row, io.iabulk.delivery.SendProgress progress) {
        return new Campaign(
                row.id(),
                row.name(),
                row.status(),
                row.templateId(),
                row.audience(),
                row.from(),
                row.replyTo(),
                row.subjectVariants(),
                row.sendAt(),
                row.maxRatePerSecond(),
                row.contextContestId(),
                row.trackConversions(),
                row.createdAt(),
                row.startedAt(),
                row.finishedAt(),
                progress,
                row.stoWindowHours() == null ? null : new SendTimeOptimization(row.stoWindowHours()),
                row.variantSelection(),
                row.goal(),
                variants(row));
    }

    /** The subject variants' figures from delivery's per-variant counters (a few rows). */
    private List<CampaignVariant> variants(CampaignRow row) {
        List<String> subjects = row.subjectVariants();
        if (subjects == null || subjects.isEmpty()) {
            return List.of();
        }
        return delivery.variantFigures(row.id(), subjects.size(), CampaignRow.goalOf(row.goal())).stream()
                .map(v -> new CampaignVariant(
                        v.index(),
                        subjects.get(v.index()),
                        v.sent(),
                        v.humanOpens(),
                        v.humanClicks(),
                        v.openRate(),
                        v.clickRate(),
                        v.probabilityBest()))
                .toList();
    }
}
