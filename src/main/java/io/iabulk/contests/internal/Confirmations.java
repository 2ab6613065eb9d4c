package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ParticipantConfirmed;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralReason;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.platform.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirms a participant's address from the link in their email, and with it credits the referral
 * that brought them in (if the contest is still running and the referral is not held for review).
 * Following a link twice confirms once. {@link #check} tells what a link would do without doing it,
 * for the page that asks the person to press the button (link scanners fetch links too).
 */
@Component
public class Confirmations {

    private final JdbcParticipantRepository participants;
    private final JdbcReferralRepository referrals;
    private final ContestCatalog contests;
    private final Crediting crediting;
    private final ReferralRiskAssessor risk;
    private final ContestTally tally;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Confirmations(
            JdbcParticipantRepository participants,
            JdbcReferralRepository referrals,
            ContestCatalog contests,
            Crediting crediting,
            ReferralRiskAssessor risk,
            ContestTally tally,
            ApplicationEventPublisher events,
            Clock clock) {
        this.participants = participants;
        this.referrals = referrals;
        this.contests = contests;
        this.crediting = crediting;
        this.risk = risk;
        this.tally = tally;
        this.events = events;
        this.clock = clock;
    }

    /** What following a confirmation link did. */
    public enum Outcome {
        /** The link is valid and the participant not yet confirmed (only from {@link #check}). */
        AWAITING,
        CONFIRMED,
        ALREADY_CONFIRMED,
        EXPIRED,
        UNKNOWN
    }

    /**
     * The outcome and the participant the link belongs to, as read when the link was followed
     * (absent for an unknown link); callers read its current standing by its referral code.
     */
    public record Result(Outcome outcome, Optional<ParticipantRow> participant) {}

    /** What {@link #confirm} would do with this link now, changing nothing. */
    @Transactional(readOnly = true)
    public Result check(String token) {
        return lookUp(token, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }

    private Result lookUp(String token, Instant now) {
        if (token == null || token.length() > 100) {
            return new Result(Outcome.UNKNOWN, Optional.empty());
        }
        Optional<ParticipantRow> found = participants.findByTokenHash(SecretTokens.sha256Hex(token));
        if (found.isEmpty()) {
            return new Result(Outcome.UNKNOWN, Optional.empty());
        }
        ParticipantRow participant = found.get();
        if (participant.status() == ParticipantStatus.CONFIRMED) {
            return new Result(Outcome.ALREADY_CONFIRMED, found);
        }
        if (participant.confirmExpiresAt() != null && !now.isBefore(participant.confirmExpiresAt())) {
            return new Result(Outcome.EXPIRED, found);
        }
        return new Result(Outcome.AWAITING, found);
    }

    @Transactional
    public Result confirm(String token) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Result state = lookUp(token, now);
        if (state.outcome() != Outcome.AWAITING) {
            return state;
        }
        ParticipantRow participant = state.participant().orElseThrow();
        Optional<ParticipantRow> found = state.participant();
        if (!participants.confirm(participant.id(), now)) {
            return new Result(Outcome.ALREADY_CONFIRMED, found);
        }
        tally.confirmed(participant.contestId(), now);
        Contest contest = contests.requireFresh(participant.contestId());
        Optional<Referral> referral = referrals.findOpenForReferee(participant.id());
        // the confirmation's speed is known now: assess again before crediting (a HIGH risk holds it)
        boolean held = referral.isPresent() && risk.atConfirmation(contest, referral.get());
        if (held) {
            events.publishEvent(new io.iabulk.contests.ReferralFlagged(
                    contest.id(),
                    referral.get().id(),
                    referral.get().referrerId(),
                    referral.get().refereeId(),
                    ReferralReason.RISK_SCORE));
        }
        if (referral.isPresent() && referral.get().status() == ReferralStatus.PENDING && !held) {
            if (contest.creditsReferralsAt(now)) {
                crediting.credit(contest, referral.get(), ReferralStatus.PENDING, now);
            } else if (referrals.transition(
                    referral.get().id(),
                    ReferralStatus.PENDING,
                    ReferralStatus.REJECTED,
                    ReferralReason.CONTEST_ENDED,
                    now)) {
                tally.referral(contest.id(), ReferralStatus.PENDING, ReferralStatus.REJECTED, now);
            }
        }
        // confirmed: the participant takes its place on the leaderboard, with what it earned so far
        participants.find(participant.id()).ifPresent(row -> crediting.afterCommit(contest.id(), row.standing()));
        events.publishEvent(new ParticipantConfirmed(contest.id(), participant.id()));
        return new Result(Outcome.CONFIRMED, found);
    }
}
