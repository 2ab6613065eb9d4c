package io.iabulk.delivery;

import io.iabulk.delivery.internal.BetaPosteriors;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.JdbcCampaignRecipients;
import io.iabulk.delivery.internal.JdbcSendCampaigns;
import io.iabulk.delivery.internal.JdbcSendMarks;
import io.iabulk.delivery.internal.JdbcSendQueue;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendCounts;
import io.iabulk.delivery.internal.SendOutcome;
import io.iabulk.delivery.internal.SendSignal;
import io.iabulk.delivery.internal.SendStatus;
import io.iabulk.delivery.internal.SentRates;
import io.iabulk.delivery.internal.VariantCounts;
import io.iabulk.delivery.transport.DkimRecords;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The delivery module's facade: queues transactional messages and campaign audiences, and lets a
 * campaign's sending be switched on, off or cancelled and its progress read.
 */
@Service
public class DeliveryService {

    private final JdbcSendQueue queue;
    private final JdbcSendCampaigns campaigns;
    private final SendCounts counts;
    private final SentRates rates;
    private final SendSignal signal;
    private final JdbcSendMarks marks;
    private final JdbcCampaignRecipients recipients;
    private final Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<MailTransport> transport;
    private final DeliveryProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<MailProperties> mail;
    private final VariantCounts variantCounts;

    DeliveryService(
            JdbcSendQueue queue,
            JdbcSendCampaigns campaigns,
            SendCounts counts,
            SentRates rates,
            SendSignal signal,
            JdbcSendMarks marks,
            JdbcCampaignRecipients recipients,
            Clock clock,
            org.springframework.beans.factory.ObjectProvider<MailTransport> transport,
            DeliveryProperties properties,
            org.springframework.beans.factory.ObjectProvider<MailProperties> mail,
            VariantCounts variantCounts) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.counts = counts;
        this.rates = rates;
        this.signal = signal;
        this.marks = marks;
        this.recipients = recipients;
        this.clock = clock;
        this.transport = transport;
        this.properties = properties;
        this.mail = mail;
        this.variantCounts = variantCounts;
    }

    /** How this instance sends, as in force (transport, rates, retries, DKIM and its DNS record). */
    public SendingSettings sendingSettings() {
        MailTransport chosen = transport.getIfUnique();
        String name = chosen == null ? "none" : chosen.name();
        MailProperties relay = mail.getIfAvailable();
        return new SendingSettings(
                name,
                "smtp".equals(name) && relay != null && relay.getHost() != null
                        ? relay.getHost() + ":" + (relay.getPort() == null ? 25 : relay.getPort())
                        : null,
                properties.workers(),
                properties.maxRatePerSecond(),
                properties.domainConcurrency(),
                properties.retry().maxAttempts(),
                properties.retry().initialBackoff(),
                DkimRecords.of(properties.dkim()));
    }

    /**
     * Sends a system message to someone who need not be a contact (an operator's password reset)
     * at once, through the configured transport and outside the queue: it is not marketing, is not
     * counted in any campaign, and its sender waits for the outcome.
     *
     * @throws MailSendException when the transport did not accept it
     */
    public void sendSystemMail(OutgoingMail mail) {
        MailTransport chosen = transport.getIfUnique();
        if (chosen == null) {
            throw new MailSendException("No mail transport is configured", null, false);
        }
        SendOutcome outcome =
                chosen.send(java.util.List.of(new Envelope(0, mail))).getFirst();
        if (outcome.kind() != SendOutcome.Kind.SENT) {
            throw new MailSendException(
                    "The mail server did not take the message: " + outcome.detail(),
                    null,
                    outcome.kind() == SendOutcome.Kind.TRANSIENT);
        }
    }

    /** The recipient, campaign and engagement marks of a send, or empty when there is no such send. */
    @Transactional(readOnly = true)
    public Optional<SendFacts> sendFacts(long sendId) {
        return marks.facts(sendId);
    }

    /** The facts of many sends at once (one query), by send id; unknown ids are absent. */
    @Transactional(readOnly = true)
    public Map<Long, SendFacts> sendFacts(Collection<Long> sendIds) {
        return marks.facts(sendIds);
    }

    /**
     * The messages sent to these contacts (one query for the whole batch), by contact id, each list
     * oldest first; contacts never mailed are absent. For engagement features.
     */
    @Transactional(readOnly = true)
    public Map<Long, java.util.List<ContactSend>> sentTo(Collection<Long> contactIds) {
        return marks.sentTo(contactIds);
    }

    /**
     * A contact's messages and what became of them (sent, first human open and click, conversion,
     * complaint), newest first, below the send id {@code before} (null: from the newest): a page of
     * the contact's timeline.
     */
    @Transactional(readOnly = true)
    public java.util.List<SentMessage> messagesOf(long contactId, Long before, int limit) {
        return marks.messagesOf(contactId, before, limit);
    }

    /**
     * Sets each send's first-open time (the map's value) unless one is set, for many sends in one
     * statement; returns the sends this call set (exactly one caller sets each, however many race).
     * Rows are updated in id order. Joins the caller's transaction.
     */
    @Transactional
    public Set<Long> markOpened(Map<Long, Instant> firstAt) {
        return marks.markOpened(firstAt);
    }

    /** As {@link #markOpened(Map)}, for the first click. */
    @Transactional
    public Set<Long> markClicked(Map<Long, Instant> firstAt) {
        return marks.markClicked(firstAt);
    }

    /**
     * Sets the send's first-conversion time unless one is set; true when this call set it (exactly
     * one caller wins, across instances). Joins the caller's transaction.
     */
    @Transactional
    public boolean markConverted(long sendId, Instant at) {
        return marks.markConverted(sendId, at);
    }

    /** The send of a contact in a campaign (a campaign mails a contact once), or empty. */
    @Transactional(readOnly = true)
    public OptionalLong latestSend(long contactId, long campaignId) {
        return marks.latestSend(contactId, campaignId);
    }

    /**
     * Queues one transactional message (no campaign) and returns its send id. Joins the caller's
     * transaction, so the message is queued exactly when the caller's work commits. A suppressed
     * contact still gets a row, with status {@code SUPPRESSED}, and is never mailed.
     *
     * @param contextJson extra template context as a JSON object, or null
     * @throws NotFoundException when there is no such contact
     */
    @Transactional
    public long enqueue(long contactId, long templateId, String contextJson) {
        Long id = queue.enqueue(contactId, templateId, contextJson, clock.instant());
        if (id == null) {
            throw new NotFoundException("Contact", contactId);
        }
        wakeAfterCommit();
        return id;
    }

    /**
     * Queues several transactional messages of one template in one batch, as {@link #enqueue} each
     * (joins the caller's transaction); returns their send ids in the order given.
     *
     * @param contexts each message's context, as JSON, in the order of {@code contactIds}
     * @throws IllegalStateException when a contact does not exist
     */
    @Transactional
    public long[] enqueueAll(long templateId, long[] contactIds, java.util.List<String> contexts) {
        if (contactIds.length != contexts.size()) {
            throw new IllegalArgumentException("one context per contact");
        }
        long[] ids = queue.enqueueAll(templateId, contactIds, contexts, clock.instant());
        if (ids.length > 0) {
            wakeAfterCommit();
        }
        return ids;
    }

    /**
     * The status of a queued message ({@code QUEUED}, {@code SENT}, {@code SUPPRESSED}, ...).
     *
     * @throws NotFoundException when there is no such send
     */
    @Transactional(readOnly = true)
    public String status(long sendId) {
        String status = queue.status(sendId);
        if (status == null) {
            throw new NotFoundException("Message", sendId);
        }
        return status;
    }

    /**
     * Snapshots the next chunk of a campaign's audience into the queue: the next {@code chunkSize}
     * contacts (by id) after {@code afterContactId}, ACTIVE ones queued with the subject variant
     * {@code contact id mod variants}, the others counted as suppressed without a row. Joins the
     * caller's transaction (so the caller can store its cursor with the chunk) or runs in its own.
     * A chunk that is snapshotted again inserts nothing twice. Campaign rows name no template:
     * the renderer takes the campaign's ({@link QueuedSend#templateId()} is 0).
     */
    @Transactional
    public SnapshotChunk snapshot(
            long campaignId, AudienceQuery audience, int variants, long afterContactId, int chunkSize) {
        SnapshotChunk chunk =
                queue.snapshot(campaignId, null, audience, variants, afterContactId, chunkSize, clock.instant());
        if (chunk.inserted() > 0) {
            wakeAfterCommit();
        }
        return chunk;
    }

    /**
     * As {@link #snapshot(long, AudienceQuery, int, long, int)}, each new row planned for the time
     * {@code times} gives its contact (send-time optimisation): stored as its {@code scheduledAt},
     * and no worker claims the row before it. {@code times} is asked once per chunk, for the chunk's
     * new rows only (docs/decisions/0022).
     */
    @Transactional
    public SnapshotChunk snapshot(
            long campaignId,
            AudienceQuery audience,
            int variants,
            long afterContactId,
            int chunkSize,
            SendTimes times) {
        SnapshotChunk chunk =
                queue.snapshot(campaignId, null, audience, variants, afterContactId, chunkSize, clock.instant(), times);
        if (chunk.inserted() > 0) {
            wakeAfterCommit();
        }
        return chunk;
    }

    /**
     * A keyset page of a campaign's per-recipient log, by contact id after {@code afterContactId}
     * (0: from the start); {@code status} (one of {@link CampaignRecipient#STATUSES}) and {@code
     * contactId} filter it when not null.
     *
     * @throws IllegalArgumentException for an unknown status
     */
    @Transactional(readOnly = true)
    public java.util.List<CampaignRecipient> recipients(
            long campaignId, String status, Long contactId, long afterContactId, int limit) {
        return recipients.page(campaignId, status, contactId, afterContactId, limit, clock.instant());
    }

    /**
     * Every recipient of a campaign (filtered like {@link #recipients}) in contact order, streamed
     * in one read-only transaction (one query, rows fetched in thousands): for exports of any size.
     *
     * @throws IllegalArgumentException for an unknown status
     */
    @Transactional(readOnly = true)
    public void forEachRecipient(long campaignId, String status, RecipientRows rows) {
        recipients.forEach(campaignId, status, clock.instant(), rows::row);
    }

    /** Receives the rows of {@link #forEachRecipient}. */
    @FunctionalInterface
    public interface RecipientRows {
        void row(CampaignRecipient recipient) throws java.io.IOException;
    }

    /**
     * Lets workers send the campaign's queued rows (start or resume), at most {@code
     * maxRatePerSecond} messages per second over all instances (null: only the global limit).
     */
    @Transactional
    public void activate(long campaignId, Integer maxRatePerSecond) {
        campaigns.activate(campaignId, maxRatePerSecond, clock.instant());
        counts.ensure(campaignId);
        wakeAfterCommit();
    }

    /**
     * As {@link #activate(long, Integer)}, and sets how the campaign's subject variants are chosen:
     * when its rows are claimed ({@code adaptive}; ADR 0023) or, when null, split by contact id at
     * the snapshot. Call it before the audience is snapshotted, and again on resume.
     */
    @Transactional
    public void activate(long campaignId, Integer maxRatePerSecond, AdaptiveVariants adaptive) {
        campaigns.activate(campaignId, maxRatePerSecond, clock.instant());
        campaigns.selectVariants(campaignId, adaptive);
        counts.ensure(campaignId);
        if (adaptive != null) {
            variantCounts.ensure(campaignId, adaptive.variants());
        }
        wakeAfterCommit();
    }

    /**
     * How each of a campaign's {@code variants} subject variants fares: messages sent, human opens
     * and clicks, their rates, and the probability that it is the best by the goal (from Beta
     * posteriors; for split campaigns too). Reads a few counter rows, whatever the audience size.
     */
    @Transactional(readOnly = true)
    public java.util.List<VariantFigures> variantFigures(long campaignId, int variants, AdaptiveVariants.Goal goal) {
        java.util.List<VariantCounts.Count> counts = variantCounts.of(campaignId, variants);
        long[] successes = new long[variants];
        long[] trials = new long[variants];
        for (int v = 0; v < variants; v++) {
            VariantCounts.Count count = counts.get(v);
            successes[v] = goal == AdaptiveVariants.Goal.CLICK ? count.clicked() : count.opened();
            trials[v] = Math.max(count.sent(), successes[v]);
        }
        double[] best = BetaPosteriors.probabilityBest(successes, trials);
        java.util.List<VariantFigures> figures = new java.util.ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            VariantCounts.Count count = counts.get(v);
            figures.add(new VariantFigures(
                    v,
                    count.sent(),
                    count.opened(),
                    count.clicked(),
                    count.sent() == 0 ? 0 : Math.min(1.0, (double) count.opened() / count.sent()),
                    count.sent() == 0 ? 0 : Math.min(1.0, (double) count.clicked() / count.sent()),
                    best[v]));
        }
        return figures;
    }

    /**
     * Pauses a campaign: no worker claims its rows after this commits (instances re-read the active
     * campaigns within a second); sends in flight finish and are recorded.
     */
    @Transactional
    public void deactivate(long campaignId) {
        campaigns.deactivate(campaignId, clock.instant());
    }

    /**
     * Cancels a campaign: its queued rows (and those waiting for a retry or in doubt) become {@code
     * CANCELLED} and it is deactivated; sends in flight finish. Returns the number cancelled.
     */
    @Transactional
    public long cancel(long campaignId) {
        campaigns.deactivate(campaignId, clock.instant());
        return queue.cancel(campaignId);
    }

    /**
     * Where a campaign's sends stand, from the exact counts. {@code queued} includes rows waiting
     * for a retry and rows in doubt after a lost lease ({@code UNKNOWN}), which are sent again;
     * {@code scheduled} counts apart the queued rows whose planned time is still ahead.
     */
    @Transactional(readOnly = true)
    public SendProgress progress(long campaignId) {
        Instant now = clock.instant();
        return progress(
                campaignId,
                counts.of(campaignId),
                recipients.scheduled(java.util.List.of(campaignId), now).getOrDefault(campaignId, 0L),
                now);
    }

    /** As {@link #progress(long)} for several campaigns at once (one query), by campaign id. */
    @Transactional(readOnly = true)
    public Map<Long, SendProgress> progress(Collection<Long> campaignIds) {
        Map<Long, SendProgress> progress = new java.util.HashMap<>();
        Instant now = clock.instant();
        Map<Long, Long> scheduled = recipients.scheduled(campaignIds, now);
        counts.of(campaignIds)
                .forEach((id, n) -> progress.put(id, progress(id, n, scheduled.getOrDefault(id, 0L), now)));
        return progress;
    }

    private SendProgress progress(long campaignId, Map<SendStatus, Long> n, long waiting, Instant now) {
        // the count of rows waiting for their time is read apart from the exact counters: bound it
        // by them, so a row that moved between the two reads is not counted twice
        long scheduled = Math.min(waiting, n.get(SendStatus.QUEUED));
        long queued = n.get(SendStatus.QUEUED) + n.get(SendStatus.UNKNOWN) - scheduled;
        long sending = n.get(SendStatus.SENDING);
        long sent = n.get(SendStatus.SENT);
        long failed = n.get(SendStatus.FAILED);
        long bounced = n.get(SendStatus.BOUNCED);
        long suppressed = n.get(SendStatus.SUPPRESSED);
        long cancelled = n.get(SendStatus.CANCELLED);
        long total = scheduled + queued + sending + sent + failed + bounced + suppressed + cancelled;
        double rate = rates.observe(campaignId, sent, now);
        long left = queued + sending;
        Duration eta = rate > 0 && left > 0 ? Duration.ofMillis((long) Math.ceil(left / rate * 1000)) : null;
        return new SendProgress(
                total,
                scheduled,
                queued,
                sending,
                sent,
                failed,
                bounced,
                suppressed,
                cancelled,
                n.get(SendStatus.POSSIBLY_DUPLICATED),
                rate,
                eta);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        } else {
            signal.wake();
        }
    }
}
