package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import io.iabulk.support.MutableClock;
import io.iabulk.support.RecordedEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The referral risk assessment (docs/decisions/0024): one test per signal, the decisions of each
 * level (HIGH held with RISK_SCORE, MEDIUM credited and watched, LOW credited), and genuine-looking
 * referrals that must stay LOW.
 */
@IntegrationTest
// at the default thresholds (HIGH 0.55, MEDIUM 0.3): what a referee alone shows is never held, a
// pattern across a referrer's referees is (ADR 0024)
@TestPropertySource(properties = "iabulk.contests.fraud.risk.enabled=true")
class ReferralRiskTest {

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.165 "
                    + "Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
                    + "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36");

    static final String RING_BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";

    private static final AtomicInteger NETWORK = new AtomicInteger(1);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    RecordedEvents events;

    @Autowired
    ContestService contests;

    @Autowired
    ContestsProperties properties;

    Api admin;

    @BeforeEach
    void clients() {
        admin = Api.at(port).admin();
    }

    @AfterEach
    void time() {
        clock.reset();
    }

    /** A browser in a network (/24) of its own. */
    Api browser(String userAgent) {
        int n = NETWORK.incrementAndGet();
        return Api.at(port)
                .with("X-Forwarded-For", "10." + (100 + n / 250) + "." + (n % 250) + ".9")
                .with("User-Agent", userAgent);
    }

    Api browser(int i) {
        return browser(BROWSERS.get(i % BROWSERS.size()));
    }

    JsonNode join(Api client, long contest, String email, String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        if (code != null) {
            body.put("referralCode", code);
        }
        Api.Response r = client.post("/api/v1/contests/" + contest + "/signups", body);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    String referrer(long contest) {
        return join(browser(0), contest, "referrer." + unique() + "@example.com", null)
                .get("referralCode")
                .asString();
    }

    List<JsonNode> referrals(long contest, String query) {
        JsonNode items = admin.get("/api/v1/contests/" + contest + "/referrals?limit=500" + query)
                .json()
                .get("items");
        List<JsonNode> all = new ArrayList<>();
        items.forEach(all::add);
        return all;
    }

    JsonNode last(long contest) {
        return referrals(contest, "").getLast();
    }

    static List<String> codes(JsonNode referral) {
        List<String> codes = new ArrayList<>();
        referral.get("risk").get("reasons").forEach(r -> codes.add(r.get("code").asString()));
        return codes;
    }

    String token(long participantId) {
        return events.of(ParticipantSignedUp.class, e -> e.participantId() == participantId).stream()
                .map(ParticipantSignedUp::confirmationToken)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    void confirm(JsonNode signup) {
        Api.Response r = Api.at(port)
                .postForm("/confirm/" + token(signup.get("participantId").asLong()), Map.of());
        assertThat(r.status()).isEqualTo(200);
    }

    JsonNode participant(String code) {
        return Api.at(port).get("/api/v1/participants/" + code).json();
    }

    // --- one test per signal ------------------------------------------------------------------

    @Test
    void variantsOfOneAddressAreGenerated() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String stem = "marta" + unique().replaceAll("[0-9]", "");
        String[] variants = {stem + "1@mail.example", stem + "2@post.example", stem + "+3@mail.example"};
        for (int i = 0; i < variants.length; i++) {
            join(browser(i), contest, variants[i], code);
        }

        JsonNode third = last(contest);
        assertThat(codes(third)).contains("GENERATED_ADDRESSES");
        assertThat(third.get("risk").get("reasons").get(0).get("explanation").asString())
                .isNotBlank();
    }

    @Test
    void randomLookingAddressesRaiseTheRisk() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String[] random = {"xk7qzt9w", "q8vbn3rtx", "zr4kw9pfd", "tq2xm8vkz"};
        for (int i = 0; i < random.length; i++) {
            join(browser(i), contest, random[i] + "@mail.example", code);
        }

        assertThat(codes(last(contest))).contains("RANDOM_ADDRESSES");
    }

    @Test
    void oneUserAgentAcrossAReferrersRefereesIsShared() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String[] names = {"olivia.brown", "liam.jones", "emma.wilson", "noah.taylor", "ava.davies"};
        for (String name : names) {
            join(browser(RING_BROWSER), contest, name + "." + unique().substring(0, 3) + "@mail.example", code);
        }

        assertThat(codes(last(contest))).contains("SHARED_USER_AGENT");
    }

    @Test
    void aScriptsUserAgentIsAnAutomatedClient() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        join(browser("python-requests/2.31.0"), contest, "sam.green" + unique() + "@mail.example", code);

        assertThat(codes(last(contest))).contains("AUTOMATED_CLIENT");
    }

    @Test
    void confirmingSecondsAfterSigningUpIsTooFast() {
        long contest = activeContest(admin, contest());
        String code = referrer(contest);
        JsonNode quick = join(browser(1), contest, "quick.fox" + unique() + "@mail.example", code);
        clock.advance(Duration.ofSeconds(2));
        confirm(quick);
        JsonNode slow = join(browser(2), contest, "slow.turtle" + unique() + "@mail.example", code);
        clock.advance(Duration.ofMinutes(7));
        confirm(slow);

        List<JsonNode> all = referrals(contest, "");
        assertThat(codes(all.get(0))).contains("FAST_CONFIRMATION");
        assertThat(codes(all.get(1))).doesNotContain("FAST_CONFIRMATION");
    }

    @Test
    void signupsAtRegularIntervalsHaveARhythm() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String[] names = {"mia", "leo", "zoe", "max", "ida", "tom", "eva", "ben", "amy"};
        for (int i = 0; i < names.length; i++) {
            clock.advance(Duration.ofSeconds(61));
            join(browser(i), contest, names[i] + ".karlsson" + unique().substring(0, 4) + "@mail.example", code);
        }

        assertThat(codes(last(contest))).contains("REGULAR_RHYTHM");
    }

    @Test
    void aTreeGrowingFarFasterThanTheContestsNormGrowsTooFast() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        long[] gaps = {40, 400, 30, 900, 120, 15, 600, 200, 50, 300, 100, 700};
        for (int i = 0; i < gaps.length; i++) {
            clock.advance(Duration.ofSeconds(gaps[i]));
            join(browser(i), contest, "friend" + (char) ('a' + i) + ".nordin@mail" + i + ".example", code);
        }

        assertThat(codes(last(contest))).contains("FAST_GROWTH");
    }

    @Test
    void aNetworkWithReferralsHeldForReviewMakesTheNextOneRiskier() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String network = "198.51." + (NETWORK.incrementAndGet() % 250) + ".";
        for (int i = 0; i < 2; i++) {
            Api throwaway =
                    Api.at(port).with("X-Forwarded-For", network + (10 + i)).with("User-Agent", BROWSERS.get(i));
            join(throwaway, contest, "held" + i + unique() + "@mailinator.com", code);
        }
        assertThat(referrals(contest, "&status=FLAGGED")).hasSize(2);

        Api neighbour = Api.at(port).with("X-Forwarded-For", network + 77).with("User-Agent", BROWSERS.get(3));
        join(neighbour, contest, "next.door" + unique() + "@mail.example", code);

        assertThat(codes(last(contest))).contains("FLAGGED_NETWORK");
    }

    // --- decisions ------------------------------------------------------------------------------

    @Test
    void aHighRiskReferralIsHeldWithRiskScoreAndApprovalCreditsItOnce() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        String stem = "ringo" + unique().replaceAll("[0-9]", "");
        for (int i = 1; i <= 6; i++) {
            clock.advance(Duration.ofSeconds(30));
            join(browser(RING_BROWSER), contest, stem + i + "@mail" + i + ".example", code);
        }
        List<JsonNode> held = referrals(contest, "&status=FLAGGED");
        assertThat(held).isNotEmpty();
        JsonNode one = held.getLast();
        assertThat(one.get("reason").asString()).isEqualTo("RISK_SCORE");
        assertThat(one.get("risk").get("level").asString()).isEqualTo("HIGH");
        assertThat(one.get("risk").get("score").asDouble())
                .isGreaterThanOrEqualTo(properties.fraud().risk().high());
        int creditedBefore = participant(code).get("referrals").asInt();
        int pointsBefore = participant(code).get("points").asInt();

        long id = one.get("id").asLong();
        JsonNode fetched = admin.get("/api/v1/referrals/" + id).json();
        assertThat(fetched.get("risk").get("level").asString()).isEqualTo("HIGH");
        assertThat(admin.post("/api/v1/referrals/" + id + "/approve")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CREDITED");
        assertThat(admin.post("/api/v1/referrals/" + id + "/approve").status()).isEqualTo(409);

        assertThat(participant(code).get("referrals").asInt()).isEqualTo(creditedBefore + 1);
        assertThat(participant(code).get("points").asInt()).isEqualTo(pointsBefore + 10);

        // the operators' decisions are kept as labels, with the risk the referral was held with
        long other = held.getFirst().get("id").asLong();
        if (other != id) {
            assertThat(admin.post("/api/v1/referrals/" + other + "/reject").status())
                    .isEqualTo(200);
        }
        Map<Long, RiskLabel> labels = new HashMap<>();
        contests.riskLabels(java.time.Instant.EPOCH, 0, 10_000).forEach(l -> labels.put(l.referralId(), l));
        assertThat(labels.get(id).approved()).isTrue();
        assertThat(labels.get(id).risk().level()).isEqualTo(RiskLevel.HIGH);
        if (other != id) {
            assertThat(labels.get(other).approved()).isFalse();
        }
    }

    @Test
    void aReferralThatTurnsHighAtConfirmationIsHeldNotCredited() {
        long contest = activeContest(admin, contest());
        String code = referrer(contest);
        List<JsonNode> ring = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(20));
            ring.add(join(browser(RING_BROWSER), contest, "bulk" + i + ".order" + unique() + "@mail.example", code));
        }
        for (JsonNode referee : ring) {
            clock.advance(Duration.ofSeconds(1));
            confirm(referee);
        }

        JsonNode lastOne = last(contest);
        assertThat(lastOne.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(lastOne.get("reason").asString()).isEqualTo("RISK_SCORE");
        assertThat(codes(lastOne)).contains("FAST_CONFIRMATION");
        long credited = referrals(contest, "&status=CREDITED").size();
        assertThat(participant(code).get("referrals").asInt()).isEqualTo((int) credited);
    }

    @Test
    void aLoneScriptedQuickConfirmationIsNotHeldButSeveralAre() {
        assertThat(properties.fraud().risk().high()).as("the default").isEqualTo(0.55);
        long contest = activeContest(admin, contest());
        String code = referrer(contest);
        // one referee signed up by a script that confirms at once: an API client, an end-to-end test
        JsonNode scripted =
                join(browser("Java-http-client/25"), contest, "sam.green" + unique() + "@mail.example", code);
        clock.advance(Duration.ofSeconds(2));
        confirm(scripted);

        JsonNode alone = last(contest);
        assertThat(codes(alone)).contains("AUTOMATED_CLIENT", "FAST_CONFIRMATION");
        assertThat(alone.get("risk").get("score").asDouble())
                .as("%s", alone)
                .isLessThan(properties.fraud().risk().high());
        assertThat(alone.get("risk").get("level").asString()).isIn("LOW", "MEDIUM");
        assertThat(alone.get("status").asString()).isEqualTo("CREDITED");
        assertThat(participant(code).get("referrals").asInt()).isEqualTo(1);

        // the same again from several referees of this referrer (other scripts, other names, at
        // irregular times): a pattern, held
        String[] scripts = {"curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1"};
        String[] names = {"olivia.brown", "liam.jones", "emma.wilson"};
        for (int i = 0; i < scripts.length; i++) {
            clock.advance(Duration.ofMinutes(7 + 31L * i * i));
            JsonNode next = join(browser(scripts[i]), contest, names[i] + unique() + "@mail.example", code);
            clock.advance(Duration.ofSeconds(1 + i));
            confirm(next);
        }

        List<JsonNode> all = referrals(contest, "");
        assertThat(all).hasSize(4);
        for (JsonNode referral : all) {
            assertThat(referral.get("risk").get("level").asString())
                    .as("%s", referral)
                    .isEqualTo("HIGH");
            assertThat(codes(referral)).contains("FAST_CONFIRMATION");
        }
        JsonNode lastOne = all.getLast();
        assertThat(lastOne.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(lastOne.get("reason").asString()).isEqualTo("RISK_SCORE");
        // the first was credited before the pattern showed: it stays credited, on the watch list
        assertThat(all.getFirst().get("status").asString()).isEqualTo("CREDITED");
        assertThat(referrals(contest, "&status=WATCH"))
                .extracting(r -> r.get("id").asLong())
                .contains(all.getFirst().get("id").asLong());
        long credited = all.stream()
                .filter(r -> r.get("status").asString().equals("CREDITED"))
                .count();
        assertThat(participant(code).get("referrals").asInt()).isEqualTo((int) credited);
    }

    @Test
    void aMediumRiskReferralIsCreditedAndWatched() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        join(browser("curl/8.5.0"), contest, "kim.lee" + unique() + "@mail.example", code);
        join(browser("curl/8.5.0"), contest, "xk7qzt9w" + "@mail" + unique() + ".example", code);

        JsonNode watched = last(contest);
        assertThat(watched.get("risk").get("level").asString()).isEqualTo("MEDIUM");
        assertThat(watched.get("status").asString()).isEqualTo("CREDITED");
        assertThat(referrals(contest, "&status=WATCH"))
                .extracting(r -> r.get("id").asLong())
                .contains(watched.get("id").asLong());
        assertThat(referrals(contest, "&status=WATCH&level=LOW")).isEmpty();
        assertThat(referrals(contest, "&level=MEDIUM")).isNotEmpty();
        assertThat(admin.get("/api/v1/contests/" + contest + "/referrals?status=SOON")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void genuineReferralsStayLowAndAreCredited() {
        long contest = activeContest(admin, contest());
        String code = referrer(contest);
        // a household: one network, common first names, their own browsers, confirming over hours
        String home = "203.0." + (NETWORK.incrementAndGet() % 250) + ".";
        String[] family = {"anna.svensson", "anna.berg", "john.smith", "maria.garcia", "maria85"};
        List<JsonNode> joined = new ArrayList<>();
        for (int i = 0; i < family.length; i++) {
            clock.advance(Duration.ofMinutes(3 + 17L * i * i));
            Api member = Api.at(port).with("X-Forwarded-For", home + (20 + i)).with("User-Agent", BROWSERS.get(i));
            joined.add(join(member, contest, family[i] + unique().substring(0, 2) + "@example.org", code));
        }
        for (int i = 0; i < joined.size(); i++) {
            clock.advance(Duration.ofMinutes(4 + 40L * i));
            confirm(joined.get(i));
        }

        for (JsonNode referral : referrals(contest, "")) {
            assertThat(referral.get("risk").get("level").asString())
                    .as("%s", referral)
                    .isEqualTo("LOW");
            assertThat(referral.get("status").asString()).isEqualTo("CREDITED");
        }
        assertThat(participant(code).get("referrals").asInt()).isEqualTo(family.length);
        assertThat(referrals(contest, "&status=WATCH")).isEmpty();
    }

    @Test
    void concurrentConfirmationsOfOneReferrersRefereesCreditEachReferralAtMostOnce() throws Exception {
        long contest = activeContest(admin, contest());
        String code = referrer(contest);
        List<JsonNode> referees = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            referees.add(join(
                    browser(i), contest, "crowd" + (char) ('a' + i % 26) + i + "." + unique() + "@mail.example", code));
        }
        List<String> tokens = referees.stream()
                .map(r -> token(r.get("participantId").asLong()))
                .toList();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (String token : tokens) {
                // each referee from an address of its own: 30 at once from one would spend the
                // confirmation page's rate limit in the tests (30 a second) with the other tests' confirmations
                Api referee = browser(BROWSERS.getFirst());
                answers.add(pool.submit(
                        () -> referee.postForm("/confirm/" + token, Map.of()).status()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        List<JsonNode> all = referrals(contest, "");
        long credited = all.stream()
                .filter(r -> r.get("status").asString().equals("CREDITED"))
                .count();
        long held = all.stream()
                .filter(r -> r.get("status").asString().equals("FLAGGED"))
                .count();
        assertThat(credited + held).isEqualTo(30);
        assertThat(participant(code).get("referrals").asInt()).isEqualTo((int) credited);
        assertThat(participant(code).get("points").asInt()).isEqualTo(10 * (int) credited);
        assertThat(participant(code).get("flaggedReferrals").asInt()).isEqualTo((int) held);
    }

    @Test
    void theParticipantShowsTheRiskOfTheReferralThatBroughtThemIn() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        JsonNode referee = join(browser("Wget/1.21"), contest, "pat.doe" + unique() + "@mail.example", code);

        JsonNode details = admin.get("/api/v1/contests/" + contest + "/participants/"
                        + referee.get("participantId").asLong())
                .json();
        assertThat(details.get("risk").get("reasons").get(0).get("code").asString())
                .isEqualTo("AUTOMATED_CLIENT");
        assertThat(details.get("referral").get("risk").get("level").asString()).isIn("LOW", "MEDIUM");
        assertThat(details.get("userAgent").asString()).isEqualTo("Wget/1.21");
        assertThat(admin.get("/api/v1/contests/" + contest + "/participants/999999999")
                        .status())
                .isEqualTo(404);
        assertThat(Api.at(port)
                        .get("/api/v1/contests/" + contest + "/participants/"
                                + referee.get("participantId").asLong())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void hostileUserAgentsAreCleanedAndBounded() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = referrer(contest);
        Map<String, Object> body = new HashMap<>();
        body.put("email", "eve" + unique() + "@mail.example");
        body.put("referralCode", code);
        body.put("userAgent", "Mozilla/5.0\u0000\r\nX-Injected: 1\u202e\t(evil)");
        Api.Response controls = browser(0).post("/api/v1/contests/" + contest + "/signups", body);
        assertThat(controls.status()).isEqualTo(201);
        JsonNode cleaned = admin.get("/api/v1/contests/" + contest + "/participants/"
                        + controls.json().get("participantId").asLong())
                .json();
        assertThat(cleaned.get("userAgent").asString()).isEqualTo("Mozilla/5.0 X-Injected: 1 (evil)");

        Api.Response huge = browser("Mozilla/5.0 " + "A".repeat(3000))
                .post(
                        "/api/v1/contests/" + contest + "/signups",
                        Map.of("email", "huge" + unique() + "@mail.example", "referralCode", code));
        assertThat(huge.status()).isEqualTo(201);
        JsonNode bounded = admin.get("/api/v1/contests/" + contest + "/participants/"
                        + huge.json().get("participantId").asLong())
                .json();
        assertThat(bounded.get("userAgent").asString()).hasSize(256);

        body.put("email", "long" + unique() + "@mail.example");
        body.put("userAgent", "B".repeat(2001));
        assertThat(browser(0)
                        .post("/api/v1/contests/" + contest + "/signups", body)
                        .status())
                .isEqualTo(400);
    }
}
