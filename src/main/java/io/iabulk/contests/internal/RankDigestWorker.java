package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.RankDigestSender;
import io.iabulk.contests.RankImprovement;
import io.iabulk.contests.internal.JdbcRankSnapshots.Compared;
import io.iabulk.platform.PublicUrls;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rounds of the "you moved up" digest (docs/decisions/0027). For each active contest that asks
 * for it, a participant is compared once a digest interval: their rank now against their snapshot.
 * Moved up: the digest is handed to the {@link RankDigestSender}, in the same transaction as the new
 * snapshot, so a crash loses and duplicates nothing. Same or lower, or a snapshot too old to mean
 * anything: only the snapshot is renewed. No snapshot yet: one is taken, without mail. One instance
 * runs rounds at a time, under a lease in the database.
 */
@Component
class RankDigestWorker {

    private static final Logger log = LoggerFactory.getLogger(RankDigestWorker.class);

    private final JdbcContestRepository contests;
    private final JdbcRankSnapshots snapshots;
    private final JdbcParticipantRepository participants;
    private final ObjectProvider<RankDigestSender> sender;
    private final ContestsProperties.RankDigest settings;
    private final PublicUrls urls;
    private final Clock clock;
    private final TransactionTemplate batches;
    private final String holder;

    @org.springframework.beans.factory.annotation.Autowired
    RankDigestWorker(
            JdbcContestRepository contests,
            JdbcRankSnapshots snapshots,
            JdbcParticipantRepository participants,
            ObjectProvider<RankDigestSender> sender,
            ContestsProperties properties,
            PublicUrls urls,
            Clock clock,
            PlatformTransactionManager transactions) {
        this(
                contests,
                snapshots,
                participants,
                sender,
                properties,
                urls,
                clock,
                transactions,
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
    }

    /** With the name it holds the lease by (a test gives two workers the same, so both run at once). */
    RankDigestWorker(
            JdbcContestRepository contests,
            JdbcRankSnapshots snapshots,
            JdbcParticipantRepository participants,
            ObjectProvider<RankDigestSender> sender,
            ContestsProperties properties,
            PublicUrls urls,
            Clock clock,
            PlatformTransactionManager transactions,
            String holder) {
        this.holder = holder;
        this.contests = contests;
        this.snapshots = snapshots;
        this.participants = participants;
        this.sender = sender;
        this.settings = properties.rankDigest();
        this.urls = urls;
        this.clock = clock;
        this.batches = new TransactionTemplate(transactions);
        // each batch commits on its own while the read transaction of the round's stream stays open
        this.batches.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Scheduled(fixedDelayString = "${iabulk.contests.rank-digest.check-interval:1h}", initialDelayString = "PT1M")
    void scheduled() {
        if (settings.enabled()) {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("Rank digest check failed; trying again at the next one: {}", e.toString());
            }
        }
    }

    /**
     * What a pass did.
     *
     * @param leased false when another instance held the lease (and this one did nothing)
     * @param contests the contests whose round was due
     * @param compared participants compared with their snapshot (which was then renewed)
     * @param baselines first snapshots taken
     * @param movedUp digests handed to the sender
     */
    record Outcome(boolean leased, int contests, long compared, long baselines, long movedUp) {}

    /** Runs the due rounds of every contest that asks for the digest, now. */
    Outcome runOnce() {
        return runAt(clock.instant());
    }

    /** As {@link #runOnce()}, comparing as of {@code now} (tests step through days without the clock). */
    synchronized Outcome runAt(Instant now) {
        if (!renewLease()) {
            log.debug("Rank digest not run here: another instance holds its lease");
            return new Outcome(false, 0, 0, 0, 0);
        }
        Tally tally = new Tally();
        try {
            for (Contest contest : contests.withRankDigest()) {
                try {
                    round(contest, now, tally);
                } catch (RuntimeException e) {
                    // the failed batch rolled back; the contest's next check takes it up again
                    log.warn("Rank digest of contest {} stopped: {}", contest.id(), e.toString());
                }
            }
        } finally {
            snapshots.release(holder);
        }
        return new Outcome(true, tally.contests, tally.compared, tally.baselines, tally.movedUp);
    }

    private static final class Tally {
        int contests;
        long compared;
        long baselines;
        long movedUp;

        void add(long[] batch) {
            compared += batch[0];
            baselines += batch[1];
            movedUp += batch[2];
        }
    }

    private void round(Contest contest, Instant now, Tally tally) {
        Instant dueAt = now.minus(settings.interval());
        if (!snapshots.due(contest.id(), dueAt)) {
            return;
        }
        tally.contests++;
        long started = System.nanoTime();
        Tally round = new Tally();
        try {
            snapshots.forEachDue(contest.id(), dueAt, settings.batchSize(), batch -> {
                // in the batch's own transaction: the stream's is read-only
                long[] done = batches.execute(tx -> {
                    if (!renewLease()) {
                        throw new IllegalStateException("the rank digest lease passed to another instance");
                    }
                    return batch(contest, batch, now, dueAt);
                });
                round.add(done);
                tally.add(done); // committed: counted even when a later batch fails
            });
        } finally {
            log.info(
                    "Rank digest of contest {}: {} compared, {} first snapshots, {} moved up, in {} ms",
                    contest.id(),
                    round.compared,
                    round.baselines,
                    round.movedUp,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** One batch, in one transaction: snapshots taken or renewed, and the digests of who moved up. */
    private long[] batch(Contest contest, List<Compared> batch, Instant now, Instant dueAt) {
        // a snapshot older than two intervals (the digest was off, the service stopped) is no fair
        // yardstick for "since yesterday": it is only renewed
        Instant staleAt = now.minus(settings.interval().multipliedBy(2));
        List<Compared> baselines = new ArrayList<>();
        List<Compared> due = new ArrayList<>();
        Set<Long> movedUp = new HashSet<>();
        for (Compared c : batch) {
            if (c.baseline()) {
                baselines.add(c);
            } else {
                due.add(c);
                if (c.rank() < c.previousRank() && c.takenAt().isAfter(staleAt)) {
                    movedUp.add(c.participantId());
                }
            }
        }
        RankDigestSender mailer = sender.getIfAvailable();
        if (mailer == null) {
            movedUp.clear(); // no module mails participants: snapshots only
        }
        int taken = snapshots.insertBaselines(contest.id(), baselines, now);
        boolean[] advanced = due.isEmpty() ? new boolean[0] : snapshots.advance(due, movedUp, dueAt, now);
        int compared = 0;
        List<Compared> improved = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (advanced[i]) {
                compared++;
                if (movedUp.contains(due.get(i).participantId())) {
                    improved.add(due.get(i));
                }
            }
        }
        if (!improved.isEmpty()) {
            mailer.send(contest, now, improvements(contest, improved));
        }
        return new long[] {compared, taken, improved.size()};
    }

    private List<RankImprovement> improvements(Contest contest, List<Compared> improved) {
        Map<Long, ParticipantRow> rows =
                participants
                        .findAll(improved.stream().map(Compared::participantId).toList())
                        .stream()
                        .collect(Collectors.toMap(ParticipantRow::id, Function.identity()));
        List<RankImprovement> improvements = new ArrayList<>(improved.size());
        for (Compared c : improved) {
            ParticipantRow row = rows.get(c.participantId());
            improvements.add(new RankImprovement(row.contact(contest, urls), c.previousRank(), c.rank()));
        }
        return improvements;
    }

    private boolean renewLease() {
        Instant now = clock.instant();
        return snapshots.lease(holder, now.plus(settings.lease()), now);
    }
}
