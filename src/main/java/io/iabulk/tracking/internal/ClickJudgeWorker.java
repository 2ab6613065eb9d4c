package io.iabulk.tracking.internal;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.tracking.TrackingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges held clicks once their burst window has passed (docs/decisions/0013): a window that
 * clicked every link of the message is a burst, its clicks are flagged machine; the others are
 * human and change what {@link HumanClicks} changes. The holds are in the database, committed with
 * the raw events, so any instance judges them (after a crash too), each send's clicks under lock.
 */
@Component
public class ClickJudgeWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickJudgeWorker.class);

    private final JdbcClickHolds holds;
    private final HumanClicks humanClicks;
    private final AnalyticsService analytics;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration window;
    private final TrackingProperties.Hits settings;
    private volatile boolean running;
    private Thread thread;
    private long lastVacuum = System.nanoTime();

    ClickJudgeWorker(
            JdbcClickHolds holds,
            HumanClicks humanClicks,
            AnalyticsService analytics,
            PlatformTransactionManager transactions,
            TrackingProperties properties,
            Clock clock) {
        this.holds = holds;
        this.humanClicks = humanClicks;
        this.analytics = analytics;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.window = properties.machine().burstWindow();
        this.settings = properties.hits();
    }

    /** Judges the clicks whose window has passed by now; the number of clicks judged. */
    public int runOnce() {
        return runAt(clock.instant());
    }

    /** As {@link #runOnce()}, as if it were {@code now} (tests). */
    public int runAt(Instant now) {
        return judgeBatch(now)[1];
    }

    /** One batch: how many due clicks were found (at most the batch size) and how many were judged. */
    private int[] judgeBatch(Instant now) {
        Instant due = now.minus(settings.judgeGrace());
        List<Long> found = holds.sendsHeldSince(due.minus(window), settings.judgeBatch());
        if (found.isEmpty()) {
            return new int[] {0, 0};
        }
        List<Long> sends = List.copyOf(new LinkedHashSet<>(found));
        Tallies tallies = new Tallies();
        int judged = transactions.execute(tx -> judge(sends, due, tallies));
        tallies.countIn(analytics);
        return new int[] {found.size(), judged};
    }

    private int judge(List<Long> sends, Instant due, Tallies tallies) {
        Map<Long, List<HeldClick>> bySend = new LinkedHashMap<>();
        for (HeldClick click : holds.lockHeld(sends)) {
            bySend.computeIfAbsent(click.sendId(), id -> new ArrayList<>()).add(click);
        }
        List<HeldClick> done = new ArrayList<>();
        List<HeldClick> human = new ArrayList<>();
        Map<String, Instant> burst = new LinkedHashMap<>();
        for (List<HeldClick> clicks : bySend.values()) {
            for (BurstWindows.Window judged : BurstWindows.complete(clicks, window, due)) {
                for (HeldClick click : judged.clicks()) {
                    done.add(click);
                    if (click.machine() != null) {
                        continue; // judged by another rule already, and counted then
                    }
                    if (judged.burst()) {
                        burst.put(click.eventId(), click.at());
                        tallies.add(EventTypes.EMAIL_CLICK_MACHINE, click.campaignId(), click.at());
                    } else {
                        human.add(click);
                    }
                }
            }
        }
        analytics.flagMachine(MachineRules.BURST, burst);
        humanClicks.apply(human, tallies);
        holds.release(done);
        return done.size();
    }

    private void loop() {
        while (running) {
            try {
                // a full batch means more may be due: go on at once
                while (running && judgeBatch(clock.instant())[0] >= settings.judgeBatch()) {}
            } catch (RuntimeException e) {
                log.warn("Judging held clicks failed, retrying: {}", e.toString());
            }
            vacuumWhenDue();
            try {
                Thread.sleep(settings.judgeInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Vacuums the held-click table every {@code holdsVacuumInterval}: its rows live seconds, so it
     * is almost all dead rows unless vacuumed often, and a swollen table costs every hit and judge
     * more (docs/benchmarks.md). Autovacuum does it too where it is on, but only once a minute.
     */
    private void vacuumWhenDue() {
        Duration interval = settings.holdsVacuumInterval();
        if (interval.isZero() || System.nanoTime() - lastVacuum < interval.toNanos()) {
            return;
        }
        lastVacuum = System.nanoTime();
        try {
            holds.vacuum();
        } catch (RuntimeException e) {
            log.warn("Vacuuming the held clicks failed, trying again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofVirtual().name("tracking-click-judge").start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            try {
                // no interrupt: a judgement is never cut short, the loop ends after its sleep
                thread.join(Duration.ofSeconds(10));
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
