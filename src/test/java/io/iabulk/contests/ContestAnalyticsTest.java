package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The contest analytics report and the contest summary against a hand-computed fixture: 10
 * signups, 7 confirmations, referrals credited on confirmation, two flagged for review (one
 * approved, one rejected) and a self-referral.
 */
class ContestAnalyticsTest extends HttpTest {

    private static final AtomicInteger NETWORK = new AtomicInteger(100);

    @Autowired
    ContestService contests;

    @Autowired
    AnalyticsService analytics;

    /** A client in a network of its own, so the velocity rule stays out of the fixture. */
    Api client() {
        int n = NETWORK.incrementAndGet();
        return Api.at(port).with("X-Forwarded-For", "10.77." + (n % 250) + ".9");
    }

    JsonNode join(long contest, String email, String code) {
        Api.Response r = client().post(
                        "/api/v1/contests/" + contest + "/signups", code == null ? signup(email) : signup(email, code));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    void confirm(String email) {
        assertThat(contests.confirm(TestMail.confirmationToken(email)).outcome())
                .isEqualTo(ConfirmationResult.Outcome.CONFIRMED);
    }

    long flaggedReferralOf(long contest, long refereeId) {
        JsonNode items = admin.get("/api/v1/contests/" + contest + "/referrals?status=FLAGGED")
                .json()
                .get("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(r -> r.get("refereeId").asLong() == refereeId)
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
    }

    @Test
    void reportsSignupsDecisionsFunnelViralityAndTopReferrersOfAHandComputedContest() {
        Map<String, Object> body = contest();
        body.put("pointsPerSignup", 2);
        long contest = activeContest(admin, body);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        String alice = email("alice");
        String bob = email("bob");
        JsonNode a = join(contest, alice, null);
        JsonNode b = join(contest, bob, null);
        String aliceCode = a.get("referralCode").asString();
        String bobCode = b.get("referralCode").asString();
        String[] byAlice = {email("r1"), email("r2"), email("r3"), email("r4")};
        for (String referee : byAlice) {
            join(contest, referee, aliceCode);
        }
        String r5 = email("r5");
        String r6 = email("r6");
        join(contest, r5, bobCode);
        join(contest, r6, bobCode);
        // throwaway domains: flagged for review
        String f1 = "f1" + unique() + "@sub.mailinator.com";
        String f2 = "f2" + unique() + "@sub.mailinator.com";
        long f1Id = join(contest, f1, aliceCode).get("participantId").asLong();
        long f2Id = join(contest, f2, bobCode).get("participantId").asLong();
        // alice again with her own code: not a signup, a rejected self-referral
        join(contest, alice, aliceCode);
        join(contest, alice, aliceCode);

        for (String who : new String[] {alice, bob, byAlice[0], byAlice[1], byAlice[2], r5, f1}) {
            confirm(who);
        }
        Api.Response approved = admin.post("/api/v1/referrals/" + flaggedReferralOf(contest, f1Id) + "/approve");
        assertThat(approved.json().get("status").asString()).isEqualTo("CREDITED");
        Api.Response rejected = admin.post("/api/v1/referrals/" + flaggedReferralOf(contest, f2Id) + "/reject");
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");

        // the summary is fresh at once: its counters change with the rows, no flush needed
        ContestStats stats = contests.stats(contest);
        assertThat(stats.totalParticipants()).isEqualTo(10);
        assertThat(stats.confirmedParticipants()).isEqualTo(7);
        assertThat(stats.totalReferrals())
                .as("r1, r2, r3, r5 and the approved f1")
                .isEqualTo(5);
        assertThat(stats.avgReferrals()).isCloseTo(0.5, within(1e-9));
        assertThat(stats.totalPoints())
                .as("2 per signup, 10 per credited referral")
                .isEqualTo(10 * 2 + 5 * 10);
        assertThat(stats.flaggedReferrals()).isZero();
        assertThat(admin.get("/api/v1/contests/" + contest + "/stats")
                        .json()
                        .get("totalParticipants")
                        .asLong())
                .isEqualTo(10);

        analytics.flush();
        Instant after = Instant.now().plus(Duration.ofMinutes(1));
        Api.Response minute = admin.get(
                "/api/v1/contests/" + contest + "/analytics?from=" + before + "&to=" + after + "&granularity=minute");
        assertThat(minute.status()).as(minute.body()).isEqualTo(200);
        JsonNode report = minute.json();
        assertThat(report.get("granularity").asString()).isEqualTo("minute");
        Map<String, Long> sums = sums(report.get("buckets"));
        assertThat(sums)
                .containsEntry("signups", 10L)
                .containsEntry("confirmations", 7L)
                .containsEntry("referralsCredited", 5L)
                .containsEntry("referralsFlagged", 2L)
                .containsEntry("referralsRejected", 2L);
        assertThat(report.get("buckets").size())
                .as("every minute of the range, empty ones included")
                .isEqualTo((int) Duration.between(before, after).toMinutes() + 1);
        JsonNode funnel = report.get("funnel");
        assertThat(funnel.get("signedUp").asLong()).isEqualTo(10);
        assertThat(funnel.get("confirmed").asLong()).isEqualTo(7);
        assertThat(funnel.get("referred").asLong()).as("alice and bob").isEqualTo(2);
        assertThat(report.get("viralCoefficient").asDouble()).isCloseTo(5.0 / 7, within(1e-9));
        assertThat(report.get("topReferrersShare").asDouble())
                .as("the top ⌈1 % of 2⌉ = 1 referrer, alice, made 4 of 5")
                .isCloseTo(0.8, within(1e-9));

        JsonNode daily = admin.get("/api/v1/contests/" + contest + "/analytics?from=" + before + "&to=" + after
                        + "&granularity=day")
                .json();
        assertThat(sums(daily.get("buckets"))).isEqualTo(sums);

        Map<String, Long> totals = new HashMap<>();
        for (RollupTotal t :
                analytics.totals(Set.of(EventTypes.CONTEST_FIRST_REFERRAL, EventTypes.CONTEST_POINTS), contest, 0L)) {
            totals.put(t.type(), t.count());
        }
        assertThat(totals)
                .containsEntry(EventTypes.CONTEST_FIRST_REFERRAL, 2L)
                .containsEntry(EventTypes.CONTEST_POINTS, (long) stats.totalPoints());
    }

    @Test
    void concurrentConfirmationsCountEachRealTransitionOnce() throws Exception {
        long contest = activeContest(admin, contest());
        String code = join(contest, email("alice"), null).get("referralCode").asString();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String referee = email("referee" + i);
            join(contest, referee, code);
            tokens.add(TestMail.confirmationToken(referee));
        }
        // twenty referees confirm at once, each link followed three times
        List<Callable<ConfirmationResult.Outcome>> calls = new ArrayList<>();
        for (String token : tokens) {
            for (int i = 0; i < 3; i++) {
                calls.add(() -> contests.confirm(token).outcome());
            }
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<ConfirmationResult.Outcome> f : pool.invokeAll(calls)) {
                assertThat(f.get())
                        .isIn(ConfirmationResult.Outcome.CONFIRMED, ConfirmationResult.Outcome.ALREADY_CONFIRMED);
            }
        }

        ContestStats stats = contests.stats(contest);
        assertThat(stats.totalParticipants()).isEqualTo(21);
        assertThat(stats.confirmedParticipants()).isEqualTo(20);
        assertThat(stats.totalReferrals()).isEqualTo(20);
        assertThat(stats.totalPoints()).isEqualTo(200);
        analytics.flush();
        Map<String, Long> totals = new HashMap<>();
        for (RollupTotal t : analytics.totals(
                Set.of(
                        EventTypes.CONTEST_SIGNUP,
                        EventTypes.CONTEST_CONFIRMED,
                        EventTypes.REFERRAL_CREDITED,
                        EventTypes.CONTEST_FIRST_REFERRAL,
                        EventTypes.CONTEST_POINTS),
                contest,
                0L)) {
            totals.put(t.type(), t.count());
        }
        assertThat(totals)
                .containsEntry(EventTypes.CONTEST_SIGNUP, 21L)
                .containsEntry(EventTypes.CONTEST_CONFIRMED, 20L)
                .containsEntry(EventTypes.REFERRAL_CREDITED, 20L)
                .containsEntry(EventTypes.CONTEST_FIRST_REFERRAL, 1L)
                .containsEntry(EventTypes.CONTEST_POINTS, 200L);
        JsonNode report =
                admin.get("/api/v1/contests/" + contest + "/analytics").json();
        assertThat(report.get("funnel").get("referred").asLong()).isEqualTo(1);
        assertThat(report.get("topReferrersShare").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aContestWithoutActivityReportsZeros() {
        long contest = activeContest(admin, contest());
        JsonNode report =
                admin.get("/api/v1/contests/" + contest + "/analytics").json();
        assertThat(report.get("granularity").asString()).isEqualTo("hour");
        assertThat(report.get("buckets").size()).isEqualTo(25);
        assertThat(report.get("viralCoefficient").asDouble()).isZero();
        assertThat(report.get("topReferrersShare").asDouble()).isZero();
        assertThat(report.get("funnel").get("signedUp").asLong()).isZero();
    }

    @Test
    void badParametersAreProblemsAndAnUnknownContestIsNotFound() {
        long contest = activeContest(admin, contest());
        String path = "/api/v1/contests/" + contest + "/analytics";
        for (String query : new String[] {
            "?granularity=week",
            "?from=yesterday",
            "?from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z",
            "?from=2026-11-27T10:00:00Z&to=2026-11-27T10:00:00Z",
            "?from=2026-01-01T00:00:00Z&to=2026-11-27T00:00:00Z&granularity=minute"
        }) {
            Api.Response r = admin.get(path + query);
            assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response unknown = admin.get("/api/v1/contests/" + Long.MAX_VALUE + "/analytics");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get(path).status()).as("admins only").isEqualTo(401);
    }

    private static Map<String, Long> sums(JsonNode buckets) {
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode bucket : buckets) {
            for (String field : new String[] {
                "signups", "confirmations", "referralsCredited", "referralsFlagged", "referralsRejected"
            }) {
                sums.merge(field, bucket.get(field).asLong(), Long::sum);
            }
        }
        return sums;
    }
}
