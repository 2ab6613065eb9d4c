package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.MilestoneReached;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralCredited;
import io.iabulk.contests.ReferralStatus;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Credits a referral in the caller's transaction: the referral moves to CREDITED (guarded by its
 * current status, so it happens once), the ledger books the points (idempotent by referral), the
 * referrer's counters grow under its row lock, a milestone reached is recorded once, and the
 * leaderboard learns the new standing after the commit.
 */
@Component
class Crediting {

    private final JdbcReferralRepository referrals;
    private final JdbcParticipantRepository participants;
    private final Leaderboards leaderboards;
    private final ContestTally tally;
    private final ApplicationEventPublisher events;

    Crediting(
            JdbcReferralRepository referrals,
            JdbcParticipantRepository participants,
            Leaderboards leaderboards,
            ContestTally tally,
            ApplicationEventPublisher events) {
        this.referrals = referrals;
        this.participants = participants;
        this.leaderboards = leaderboards;
        this.tally = tally;
        this.events = events;
    }

    /**
     * Credits a referral that is in status {@code from}.
     *
     * @return the referrer after the credit, or empty when another transaction decided it first
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<ParticipantRow> credit(Contest contest, Referral referral, ReferralStatus from, Instant now) {
        if (!referrals.transition(referral.id(), from, ReferralStatus.CREDITED, null, now)) {
            return Optional.empty();
        }
        int points = contest.pointsPerReferral();
        if (!referrals.book(
                contest.id(),
                referral.referrerId(),
                points,
                "REFERRAL",
                referral.id(),
                "referral:" + referral.id(),
                now)) {
            return Optional.empty();
        }
        ParticipantRow referrer = participants.addCreditedReferral(referral.referrerId(), points);
        tally.credited(contest.id(), from, now, points, referrer.referrals());
        for (Milestone milestone : contest.milestones()) {
            // credits add one referral at a time, so each threshold is met exactly once
            if (milestone.referrals() == referrer.referrals()
                    && referrals.award(contest.id(), referrer.id(), milestone.referrals(), milestone.reward(), now)) {
                events.publishEvent(
                        new MilestoneReached(contest.id(), referrer.id(), milestone.referrals(), milestone.reward()));
            }
        }
        events.publishEvent(new ReferralCredited(
                contest.id(),
                referral.id(),
                referrer.id(),
                referral.refereeId(),
                referrer.referrals(),
                referrer.points()));
        if (referrer.status() == ParticipantStatus.CONFIRMED) {
            // an unconfirmed referrer has no place yet: it is placed, credits included, on confirming
            afterCommit(contest.id(), referrer.standing());
        }
        return Optional.of(referrer);
    }

    /** Tells the leaderboard about a standing once (and only if) the transaction commits. */
    void afterCommit(long contestId, Standing standing) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                leaderboards.record(contestId, standing);
            }
        });
    }
}
