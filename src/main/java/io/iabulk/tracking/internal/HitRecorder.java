package io.iabulk.tracking.internal;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SendFacts;
import io.iabulk.platform.GroupCommitter;
import io.iabulk.tracking.SignedClick;
import io.iabulk.tracking.TrackingProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records open and click hits durably and fast: a request hands its hit over and waits (at most
 * {@code maxWait}) until a writer has committed it with the others that arrived meanwhile, in one
 * transaction: their raw events, the clicks held for the burst judgement, first-open marks, and
 * what the clicks that need no burst judgement change. Rollups are counted after the commit.
 */
@Component
public class HitRecorder implements SmartLifecycle {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_AGENT_CHARS = 512;

    private final DeliveryService delivery;
    private final AnalyticsService analytics;
    private final JdbcClickHolds holds;
    private final HumanClicks humanClicks;
    private final MachineRules rules;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration maxWait;
    private final GroupCommitter<Hit> committer;
    private volatile boolean running;

    HitRecorder(
            DeliveryService delivery,
            AnalyticsService analytics,
            JdbcClickHolds holds,
            HumanClicks humanClicks,
            TrackingProperties properties,
            PlatformTransactionManager transactions,
            Clock clock,
            MeterRegistry metrics) {
        this.delivery = delivery;
        this.analytics = analytics;
        this.holds = holds;
        this.humanClicks = humanClicks;
        this.rules = new MachineRules(properties.machine());
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        TrackingProperties.Hits settings = properties.hits();
        this.maxWait = settings.maxWait();
        // no linger: a writer takes whatever queued while the previous group was written, so the
        // group grows with the load and a quiet hit waits for one commit only
        // a full queue drops: the request is answered anyway, and a lost hit costs one raw event;
        // a hit the database refuses is isolated and dropped by the committer, the others written
        this.committer = new GroupCommitter<>(
                "tracking-hits",
                this::write,
                GroupCommitter.Options.of(
                        Duration.ZERO,
                        settings.maxBatch(),
                        settings.writers(),
                        settings.capacity(),
                        GroupCommitter.WhenFull.DROP),
                hit -> hit.recorded().complete(true));
        Gauge.builder("tracking.hits.pending", committer, GroupCommitter::pending)
                .description("Open and click hits waiting to be written")
                .register(metrics);
        FunctionCounter.builder("tracking.hits.dropped", committer, GroupCommitter::dropped)
                .description("Hits answered but not recorded: the queue was full or the database refused them")
                .register(metrics);
    }

    /**
     * Records a hit (an open when {@code click} is null) and waits for its commit, at most {@code
     * maxWait}. False only when the send is known not to exist (nothing was recorded); a hit not
     * committed in time (or refused by a full queue) answers true and is written later, if at all.
     */
    public boolean record(long sendId, SignedClick click, String clientIp, String userAgent) {
        Instant at = clock.instant();
        Hit hit = new Hit(sendId, click, clientIp, userAgent, at, analytics.newEventId(at), new CompletableFuture<>());
        if (!committer.submit(hit)) {
            return true;
        }
        try {
            return hit.recorded().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Writes the hits waiting now (tests). */
    public void flush() {
        committer.flush();
    }

    /** One group in one transaction; a failure is the committer's to retry, split or drop. */
    private void write(List<Hit> group) {
        Tallies tallies = new Tallies();
        Set<Long> known = transactions.execute(tx -> store(group, tallies));
        tallies.countIn(analytics);
        for (Hit hit : group) {
            hit.recorded().complete(known.contains(hit.sendId()));
        }
    }

    private Set<Long> store(List<Hit> group, Tallies tallies) {
        Map<Long, SendFacts> facts =
                delivery.sendFacts(group.stream().map(Hit::sendId).toList());
        List<AnalyticsEvent> events = new ArrayList<>(group.size());
        Map<String, Hit> hits = new HashMap<>();
        for (Hit hit : group) {
            SendFacts send = facts.get(hit.sendId());
            if (send != null) {
                String reason = hit.isClick()
                        ? rules.click(hit.clientIp(), hit.userAgent(), send.sentAt(), hit.at())
                        : rules.open(hit.clientIp(), hit.userAgent());
                events.add(event(hit, send, reason));
                hits.put(hit.eventId(), hit);
            }
        }
        // only hits whose raw event is new go on: a group written again after a failure that
        // came too late (its first write had committed) changes and counts nothing twice
        List<HeldClick> held = new ArrayList<>();
        List<HeldClick> human = new ArrayList<>();
        Map<Long, Instant> opened = new HashMap<>();
        for (AnalyticsEvent event : analytics.append(events)) {
            Hit hit = hits.get(event.eventId());
            SendFacts send = facts.get(hit.sendId());
            String reason = event.machine();
            if (!hit.isClick()) {
                tallies.add(
                        reason != null ? EventTypes.EMAIL_OPEN_MACHINE : EventTypes.EMAIL_OPEN,
                        send.campaignId(),
                        hit.at());
                if (reason == null && send.openedAt() == null) {
                    opened.merge(hit.sendId(), hit.at(), (a, b) -> a.isBefore(b) ? a : b);
                }
                continue;
            }
            SignedClick click = hit.click();
            HeldClick clicked = new HeldClick(
                    hit.eventId(),
                    hit.sendId(),
                    send.campaignId(),
                    click.linkIndex(),
                    click.linkCount(),
                    click.url(),
                    hit.at(),
                    reason);
            if (reason != null) {
                tallies.add(EventTypes.EMAIL_CLICK_MACHINE, send.campaignId(), hit.at());
            }
            if (click.linkCount() > 1) {
                // every click of a message with several links waits for the burst judgement, the
                // machine ones too: they count towards "every link clicked"
                held.add(clicked);
            } else if (reason == null) {
                human.add(clicked);
            }
        }
        holds.hold(held);
        for (Long send : delivery.markOpened(opened)) {
            tallies.add(EventTypes.EMAIL_OPENED, facts.get(send).campaignId(), opened.get(send));
        }
        humanClicks.apply(human, tallies);
        return facts.keySet();
    }

    private static AnalyticsEvent event(Hit hit, SendFacts send, String machine) {
        ObjectNode properties = JSON.createObjectNode().put("ip", hit.clientIp());
        if (hit.userAgent() != null) {
            String agent = hit.userAgent();
            properties.put("ua", agent.length() > MAX_AGENT_CHARS ? agent.substring(0, MAX_AGENT_CHARS) : agent);
        }
        if (hit.isClick()) {
            properties
                    .put("linkIndex", hit.click().linkIndex())
                    .put("url", hit.click().url());
        }
        return new AnalyticsEvent(
                hit.eventId(),
                hit.isClick() ? EventTypes.EMAIL_CLICK : EventTypes.EMAIL_OPEN,
                hit.at(),
                send.contactId(),
                null,
                send.campaignId(),
                hit.sendId(),
                machine,
                JSON.writeValueAsString(properties));
    }

    @Override
    public void start() {
        committer.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            committer.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server takes requests and stopped after it has drained them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
