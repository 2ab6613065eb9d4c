package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.iabulk.platform.ConflictException;
import io.iabulk.support.HttpTest;
import io.iabulk.support.RecordedEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contest facts other modules (the outgoing webhooks, later) will hear of: each event once
 * per fact, with the numbers of the fact, and none for what did not happen.
 */
class ContestEventsTest extends HttpTest {

    private static final AtomicInteger NETWORKS = new AtomicInteger();

    @Autowired
    ContestService contests;

    @Autowired
    RecordedEvents events;

    private long contest;

    @Test
    void aConfirmationIsPublishedOnceHoweverOftenTheLinkIsFollowed() {
        contest = contestWithMilestonesAt1And3();
        SignupResult alice = signUp(email("alice"), null);
        assertThat(confirmed()).as("not before the link is followed").isEmpty();

        confirm(alice);
        confirm(alice);

        assertThat(confirmed()).containsExactly(new ParticipantConfirmed(contest, alice.participantId()));
    }

    @Test
    void eachCreditedReferralIsPublishedOnceWithTheReferrersNewTotalsAndEachMilestoneOnce() {
        contest = contestWithMilestonesAt1And3();
        SignupResult alice = signUp(email("alice"), null);
        confirm(alice);

        SignupResult bob = signUp(email("bob"), alice.referralCode());
        assertThat(credited()).as("nothing counts before the referee confirms").isEmpty();
        confirm(bob);
        confirm(bob);

        ParticipantView afterBob = contests.participant(alice.referralCode());
        assertThat(afterBob.referrals()).isEqualTo(1);
        assertThat(credited())
                .containsExactly(new ReferralCredited(
                        contest, referralOf(bob), alice.participantId(), bob.participantId(), 1, afterBob.points()));
        assertThat(milestones())
                .containsExactly(new MilestoneReached(contest, alice.participantId(), 1, "Sticker pack"));

        SignupResult carol = signUp(email("carol"), alice.referralCode());
        confirm(carol);
        String daveAddress = email("dave");
        SignupResult dave = signUp(daveAddress, alice.referralCode());
        confirm(dave);
        signUp(daveAddress, alice.referralCode()); // the same address again: no second referral

        ParticipantView afterDave = contests.participant(alice.referralCode());
        assertThat(afterDave.referrals()).isEqualTo(3);
        assertThat(credited())
                .extracting(ReferralCredited::refereeId, ReferralCredited::referrals)
                .containsExactly(
                        tuple(bob.participantId(), 1), tuple(carol.participantId(), 2), tuple(dave.participantId(), 3));
        assertThat(credited().getLast().points()).isEqualTo(afterDave.points());
        assertThat(milestones())
                .containsExactly(
                        new MilestoneReached(contest, alice.participantId(), 1, "Sticker pack"),
                        new MilestoneReached(contest, alice.participantId(), 3, "T-shirt"));
        assertThat(confirmed())
                .extracting(ParticipantConfirmed::participantId)
                .containsExactly(
                        alice.participantId(), bob.participantId(), carol.participantId(), dave.participantId());
    }

    @Test
    void aFlaggedReferralIsCreditedOnceWhenAnOperatorApprovesIt() {
        contest = contestWithMilestonesAt1And3();
        SignupResult alice = signUp(email("alice"), null);
        confirm(alice);
        SignupResult eve = signUp("eve-" + unique() + "@mailinator.com", alice.referralCode());
        confirm(eve);
        assertThat(credited()).as("a flagged referral waits for an operator").isEmpty();

        long referral = referralOf(eve);
        contests.approveReferral(referral);
        assertThatThrownBy(() -> contests.approveReferral(referral)).isInstanceOf(ConflictException.class);

        assertThat(credited())
                .containsExactly(new ReferralCredited(
                        contest,
                        referral,
                        alice.participantId(),
                        eve.participantId(),
                        1,
                        contests.participant(alice.referralCode()).points()));
        assertThat(milestones())
                .containsExactly(new MilestoneReached(contest, alice.participantId(), 1, "Sticker pack"));
    }

    private long contestWithMilestonesAt1And3() {
        Map<String, Object> body = new HashMap<>(contest());
        body.put("pointsPerSignup", 5);
        body.put("pointsPerReferral", 10);
        return activeContest(admin, body);
    }

    /** A signup from a network of its own (no velocity flag). */
    private SignupResult signUp(String address, String referralCode) {
        int network = NETWORKS.incrementAndGet();
        return contests.signUp(
                contest,
                new SignupRequest(address, null, null, referralCode),
                "10." + (90 + network / 250) + "." + (network % 250) + ".1");
    }

    /** Follows the participant's confirmation link (the token comes with the signup event). */
    private void confirm(SignupResult participant) {
        String token = events.of(ParticipantSignedUp.class, e -> e.participantId() == participant.participantId())
                .getLast()
                .confirmationToken();
        contests.confirm(token);
    }

    private long referralOf(SignupResult referee) {
        return contests.referrals(contest, null, 0, 100).stream()
                .filter(r -> r.refereeId() == referee.participantId())
                .findFirst()
                .orElseThrow()
                .id();
    }

    private List<ParticipantConfirmed> confirmed() {
        return events.of(ParticipantConfirmed.class, e -> e.contestId() == contest);
    }

    private List<ReferralCredited> credited() {
        return events.of(ReferralCredited.class, e -> e.contestId() == contest);
    }

    private List<MilestoneReached> milestones() {
        return events.of(MilestoneReached.class, e -> e.contestId() == contest);
    }
}
