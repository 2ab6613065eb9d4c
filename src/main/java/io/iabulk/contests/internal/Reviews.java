package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralReason;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's decision on a flagged referral. Approving credits it when the referee has
 * confirmed while the contest ran (the review judges a past event, so a review after the end
 * still counts it), or sends it back to wait for the referee's confirmation.
 */
@Component
public class Reviews {

    private final JdbcReferralRepository referrals;
    private final JdbcParticipantRepository participants;
    private final ContestCatalog contests;
    private final Crediting crediting;
    private final ReferralRiskAssessor risk;
    private final ContestTally tally;
    private final Clock clock;

    Reviews(
            JdbcReferralRepository referrals,
            JdbcParticipantRepository participants,
            ContestCatalog contests,
            Crediting crediting,
            ReferralRiskAssessor risk,
            ContestTally tally,
            Clock clock) {
        this.referrals = referrals;
        this.participants = participants;
        this.contests = contests;
        this.crediting = crediting;
        this.risk = risk;
        this.tally = tally;
        this.clock = clock;
    }

    @Transactional
    public Referral approve(long referralId) {
        Referral referral = flagged(referralId);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Contest contest = contests.requireFresh(referral.contestId());
        ParticipantRow referee = participants.find(referral.refereeId()).orElseThrow();
        boolean done;
        if (referee.status() == ParticipantStatus.CONFIRMED) {
            Instant confirmedAt = referee.confirmedAt() != null ? referee.confirmedAt() : referee.createdAt();
            if (contest.runningAt(confirmedAt)) {
                done = crediting
                        .credit(contest, referral, ReferralStatus.FLAGGED, now)
                        .isPresent();
            } else {
                done = decide(referral, ReferralStatus.REJECTED, ReferralReason.CONTEST_ENDED, now);
            }
        } else {
            // back to waiting for the referee's confirmation: no decision yet, only off the queue
            done = decide(referral, ReferralStatus.PENDING, null, now);
        }
        if (!done) {
            throw notFlagged(referralId);
        }
        risk.reviewed(referral, true);
        return referrals.find(referralId).orElseThrow();
    }

    @Transactional
    public Referral reject(long referralId) {
        Referral referral = flagged(referralId);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (!decide(referral, ReferralStatus.REJECTED, ReferralReason.OPERATOR_REJECTED, now)) {
            throw notFlagged(referralId);
        }
        risk.reviewed(referral, false);
        return referrals.find(referralId).orElseThrow();
    }

    private boolean decide(Referral referral, ReferralStatus to, ReferralReason reason, Instant now) {
        if (!referrals.transition(referral.id(), ReferralStatus.FLAGGED, to, reason, now)) {
            return false;
        }
        tally.referral(referral.contestId(), ReferralStatus.FLAGGED, to, now);
        return true;
    }

    private Referral flagged(long referralId) {
        Referral referral = referrals.find(referralId).orElseThrow(() -> new NotFoundException("Referral", referralId));
        if (referral.status() != ReferralStatus.FLAGGED) {
            throw notFlagged(referralId);
        }
        return referral;
    }

    private static ConflictException notFlagged(long referralId) {
        return new ConflictException(
                "referral-not-flagged",
                "Referral " + referralId + " is not waiting for review; it was decided already");
    }
}
