package io.iabulk.contests.internal;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.contests.internal.ContestTotals.Totals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what a transaction changed in contests, told by the code that made each change after
 * its guard succeeded (an insert that happened, an UPDATE that matched), so every real transition
 * counts once. The contest counters get the deltas just before the commit, in the same
 * transaction; the rollups ({@code contest.*}, {@code referral.*}, campaign 0) get them after the
 * commit. See docs/decisions/0013 for what the counts mean.
 */
@Component
class ContestTally {

    /** Slots per contest: concurrent transactions rarely wait for one another's counter row. */
    static final int SLOTS = 16;

    private final ContestTotals totals;
    private final AnalyticsService analytics;

    ContestTally(ContestTotals totals, AnalyticsService analytics) {
        this.totals = totals;
        this.analytics = analytics;
    }

    /** A new participant, confirmed at once when the contest needs no confirmation. */
    @Transactional(propagation = Propagation.MANDATORY)
    void joined(long contestId, Instant at, int points, boolean confirmed) {
        Changes changes = changes();
        changes.add(contestId, new Totals(1, confirmed ? 1 : 0, 0, 0, 0, points));
        changes.count(EventTypes.CONTEST_SIGNUP, contestId, at, 1);
        if (confirmed) {
            changes.count(EventTypes.CONTEST_CONFIRMED, contestId, at, 1);
        }
        if (points != 0) {
            changes.count(EventTypes.CONTEST_POINTS, contestId, at, points);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void confirmed(long contestId, Instant at) {
        Changes changes = changes();
        changes.add(contestId, new Totals(0, 1, 0, 0, 0, 0));
        changes.count(EventTypes.CONTEST_CONFIRMED, contestId, at, 1);
    }

    /**
     * A referral recorded ({@code from} null) or moved from one status to another. Entering
     * FLAGGED, REJECTED or CREDITED counts a decision; leaving FLAGGED takes it off the review
     * queue. Credits go through {@link #credited} (they also carry points).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void referral(long contestId, ReferralStatus from, ReferralStatus to, Instant at) {
        Changes changes = changes();
        long flagged = (to == ReferralStatus.FLAGGED ? 1 : 0) - (from == ReferralStatus.FLAGGED ? 1 : 0);
        changes.add(contestId, new Totals(0, 0, 0, to == ReferralStatus.CREDITED ? 1 : 0, flagged, 0));
        switch (to) {
            case FLAGGED -> changes.count(EventTypes.REFERRAL_FLAGGED, contestId, at, 1);
            case REJECTED -> changes.count(EventTypes.REFERRAL_REJECTED, contestId, at, 1);
            case CREDITED -> changes.count(EventTypes.REFERRAL_CREDITED, contestId, at, 1);
            default -> {}
        }
    }

    /** A referral credited to a referrer, who now has {@code referrals} credited referrals. */
    @Transactional(propagation = Propagation.MANDATORY)
    void credited(long contestId, ReferralStatus from, Instant at, int points, int referrals) {
        referral(contestId, from, ReferralStatus.CREDITED, at);
        Changes changes = changes();
        boolean first = referrals == 1;
        changes.add(contestId, new Totals(0, 0, first ? 1 : 0, 0, 0, points));
        if (first) {
            changes.count(EventTypes.CONTEST_FIRST_REFERRAL, contestId, at, 1);
        }
        if (points != 0) {
            changes.count(EventTypes.CONTEST_POINTS, contestId, at, points);
        }
    }

    private Changes changes() {
        Changes changes = (Changes) TransactionSynchronizationManager.getResource(this);
        if (changes == null) {
            changes = new Changes();
            TransactionSynchronizationManager.bindResource(this, changes);
            TransactionSynchronizationManager.registerSynchronization(changes);
        }
        return changes;
    }

    /** What one transaction changed; written before it commits, counted after. */
    private final class Changes implements TransactionSynchronization {

        private record Count(String type, long contestId, Instant at, long n) {}

        private final Map<Long, Totals> deltas = new TreeMap<>();
        private final List<Count> counts = new ArrayList<>();

        void add(long contestId, Totals delta) {
            deltas.merge(contestId, delta, Totals::plus);
        }

        void count(String type, long contestId, Instant at, long n) {
            counts.add(new Count(type, contestId, at, n));
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // the last statements of the transaction: one counter row per contest, in contest order,
            // so the row lock is held only for the commit
            int slot = ThreadLocalRandom.current().nextInt(SLOTS);
            deltas.forEach((contestId, delta) -> {
                if (!delta.isZero()) {
                    totals.add(contestId, slot, delta);
                }
            });
        }

        @Override
        public void afterCommit() {
            for (Count c : counts) {
                analytics.count(c.type(), c.contestId(), 0, c.at(), c.n());
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ContestTally.this);
        }
    }
}
