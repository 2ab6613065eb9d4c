package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import io.iabulk.support.TestMail;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Every reason a referral is rejected or flagged, and the operator's review of flagged ones. */
@IntegrationTest
@TestPropertySource(properties = "iabulk.contests.fraud.ip-velocity.max-signups=3")
class ReferralDecisionsTest {

    private static final AtomicInteger NETWORK = new AtomicInteger(1);

    @LocalServerPort
    int port;

    @Autowired
    ContestService contests;

    Api admin;

    @BeforeEach
    void clients() {
        admin = Api.at(port).admin();
    }

    /** A client in a network (/24) of its own, so the velocity rule only sees what a test sends. */
    Api client() {
        int n = NETWORK.incrementAndGet();
        return Api.at(port).with("X-Forwarded-For", "10." + (n / 250) + "." + (n % 250) + ".7");
    }

    JsonNode join(long contest, String email, String code) {
        Api.Response r = client().post(
                        "/api/v1/contests/" + contest + "/signups", code == null ? signup(email) : signup(email, code));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    JsonNode onlyReferral(long contest) {
        JsonNode items =
                admin.get("/api/v1/contests/" + contest + "/referrals").json().get("items");
        assertThat(items.size()).isEqualTo(1);
        return items.get(0);
    }

    JsonNode participant(JsonNode signup) {
        return Api.at(port)
                .get("/api/v1/participants/" + signup.get("referralCode").asString())
                .json();
    }

    @Test
    void signingUpAgainWithOnesOwnCodeIsASelfReferral() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String name = "alice" + unique();
        JsonNode alice = join(contest, name + "@gmail.com", null);

        Api.Response again = client().post(
                        "/api/v1/contests/" + contest + "/signups",
                        signup(
                                name.replace("alice", "A.l.i.c.e") + "+again@gmail.com",
                                alice.get("referralCode").asString()));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("participantId").asLong())
                .isEqualTo(alice.get("participantId").asLong());
        JsonNode referral = onlyReferral(contest);
        assertThat(referral.get("status").asString()).isEqualTo("REJECTED");
        assertThat(referral.get("reason").asString()).isEqualTo("SELF_REFERRAL");
        assertThat(referral.get("referrerId").asLong())
                .isEqualTo(referral.get("refereeId").asLong());
        assertThat(participant(alice).get("referrals").asInt()).isZero();
    }

    @Test
    void anAddressThatJoinedBeforeIsADuplicate() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, email("alice"), null);
        String bobName = "bob" + unique();
        JsonNode bob = join(contest, bobName + "@gmail.com", null);

        JsonNode again = join(
                contest,
                "B.o.b" + bobName.substring(3) + "+promo@googlemail.com",
                alice.get("referralCode").asString());

        assertThat(again.get("participantId").asLong())
                .isEqualTo(bob.get("participantId").asLong());
        JsonNode referral = onlyReferral(contest);
        assertThat(referral.get("status").asString()).isEqualTo("REJECTED");
        assertThat(referral.get("reason").asString()).isEqualTo("DUPLICATE_EMAIL");
        assertThat(referral.get("referrerId").asLong())
                .isEqualTo(alice.get("participantId").asLong());
        assertThat(participant(alice).get("referrals").asInt()).isZero();
    }

    @Test
    void aThrowawayDomainIsFlaggedAndCountsOnlyAfterApproval() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, email("alice"), null);

        Api.Response carol = client().post(
                        "/api/v1/contests/" + contest + "/signups",
                        signup(
                                "carol" + unique() + "@sub.mailinator.com",
                                alice.get("referralCode").asString()));

        assertThat(carol.status()).isEqualTo(201);
        JsonNode flagged = admin.get("/api/v1/contests/" + contest + "/referrals?status=FLAGGED")
                .json();
        assertThat(flagged.get("items").size()).isEqualTo(1);
        assertThat(flagged.get("items").get(0).get("reason").asString()).isEqualTo("DISPOSABLE_DOMAIN");
        assertThat(participant(alice).get("referrals").asInt()).isZero();
        assertThat(participant(alice).get("flaggedReferrals").asInt()).isEqualTo(1);

        long id = flagged.get("items").get(0).get("id").asLong();
        Api.Response approved = admin.post("/api/v1/referrals/" + id + "/approve");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("CREDITED");
        assertThat(participant(alice).get("referrals").asInt()).isEqualTo(1);
        assertThat(participant(alice).get("points").asInt()).isEqualTo(10);
        assertThat(participant(alice).get("flaggedReferrals").asInt()).isZero();
        assertThat(admin.post("/api/v1/referrals/" + id + "/approve").status()).isEqualTo(409);
    }

    @Test
    void tooManySignupsFromOneNetworkAreFlaggedAndCanBeRejected() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, email("alice"), null);
        Api office = Api.at(port).with("X-Forwarded-For", "203.0.113." + (10 + NETWORK.incrementAndGet() % 200));
        String code = alice.get("referralCode").asString();
        for (int i = 0; i < 3; i++) {
            assertThat(office.post("/api/v1/contests/" + contest + "/signups", signup(email("colleague"), code))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(participant(alice).get("referrals").asInt()).isEqualTo(3);

        Api sameNetwork = Api.at(port).with("X-Forwarded-For", "203.0.113.250");
        Api.Response fourth =
                sameNetwork.post("/api/v1/contests/" + contest + "/signups", signup(email("fourth"), code));

        assertThat(fourth.status()).isEqualTo(201);
        JsonNode flagged = admin.get("/api/v1/contests/" + contest + "/referrals?status=FLAGGED")
                .json()
                .get("items");
        assertThat(flagged.size()).isEqualTo(1);
        assertThat(flagged.get(0).get("reason").asString()).isEqualTo("IP_VELOCITY");
        assertThat(participant(alice).get("referrals").asInt()).isEqualTo(3);

        Api.Response rejected =
                admin.post("/api/v1/referrals/" + flagged.get(0).get("id").asLong() + "/reject");
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("reason").asString()).isEqualTo("OPERATOR_REJECTED");
        assertThat(participant(alice).get("referrals").asInt()).isEqualTo(3);
    }

    @Test
    void aConfirmationAfterTheContestEndedDoesNotCount() {
        long contest = activeContest(admin, contest());
        JsonNode alice = join(contest, email("alice"), null);
        String bob = email("bob");
        join(contest, bob, alice.get("referralCode").asString());
        String token = TestMail.confirmationToken(bob);

        assertThat(admin.post("/api/v1/contests/" + contest + "/end")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ENDED");
        assertThat(contests.confirm(token).outcome()).isEqualTo(ConfirmationResult.Outcome.CONFIRMED);

        JsonNode referral = onlyReferral(contest);
        assertThat(referral.get("status").asString()).isEqualTo("REJECTED");
        assertThat(referral.get("reason").asString()).isEqualTo("CONTEST_ENDED");
        assertThat(participant(alice).get("referrals").asInt()).isZero();
    }

    @Test
    void anApprovedReferralOfAnUnconfirmedRefereeWaitsForTheConfirmation() {
        long contest = activeContest(admin, contest());
        JsonNode alice = join(contest, email("alice"), null);
        String dave = "dave" + unique() + "@yopmail.com";
        join(contest, dave, alice.get("referralCode").asString());
        long id = onlyReferral(contest).get("id").asLong();

        JsonNode approved = admin.post("/api/v1/referrals/" + id + "/approve").json();
        assertThat(approved.get("status").asString()).isEqualTo("PENDING");
        assertThat(participant(alice).get("pendingReferrals").asInt()).isEqualTo(1);

        contests.confirm(TestMail.confirmationToken(dave));

        assertThat(onlyReferral(contest).get("status").asString()).isEqualTo("CREDITED");
        assertThat(participant(alice).get("referrals").asInt()).isEqualTo(1);
    }

    @Test
    void decisionsOnUnknownOrUnflaggedReferralsAreRefused() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, email("alice"), null);
        join(contest, email("bob"), alice.get("referralCode").asString());
        long credited = onlyReferral(contest).get("id").asLong();

        assertThat(admin.post("/api/v1/referrals/" + credited + "/reject").status())
                .isEqualTo(409);
        assertThat(admin.post("/api/v1/referrals/999999999/approve").status()).isEqualTo(404);
    }
}
