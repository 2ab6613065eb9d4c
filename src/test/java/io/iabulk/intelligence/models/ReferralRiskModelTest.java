package io.iabulk.intelligence.models;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.accounts.AccountService;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.RiskLabel;
import io.iabulk.contests.RiskSignal;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * The referral risk model end to end on the real PostgreSQL (docs/decisions/0028): referrals held
 * by the rules through the public signup API, decided by an operator through the review API, the
 * model trained through {@code POST /api/v1/models/referral-risk/train}. Too few decisions store no
 * model; decisions where a signal tells more than the rules weigh it give an ACTIVE model that the
 * assessor then consults for new referrals; decisions that follow the rules' score leave a model
 * CANDIDATE; activation switches and rolls back within the kind.
 *
 * <p>Two kinds of referrers are played, both HIGH for the rules: "teams" (one stem with counters,
 * one browser: colleagues signing up from the office, which operators approve) and "bots" (random
 * addresses, one browser: rejected). Each decision is flipped one time in ten.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "iabulk.contests.fraud.risk.enabled=true")
class ReferralRiskModelTest extends HttpTest {

    private static final List<String> NAMES = List.of(
            "annasmith",
            "johnbrown",
            "lauramartin",
            "peterhansen",
            "sarahwilson",
            "davidlopez",
            "emmaweber",
            "lucasberg",
            "ninacosta",
            "paulsilva",
            "olganovak",
            "marcofischer");

    private static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
                    + "Safari/537.36",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.165 "
                    + "Mobile Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0");

    private static final AtomicInteger NETWORK = new AtomicInteger();

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContestService contests;

    @Autowired
    JdbcModelRepository models;

    @Autowired
    JdbcTrainingJobRepository jobs;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ReferralRiskPredictor predictor;

    @Autowired
    TrainingWorker training;

    @Autowired
    ModelPredictor engagement;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AccountService accounts;

    private final SplittableRandom random = new SplittableRandom(20261210);
    private final AtomicInteger referrers = new AtomicInteger();
    private final Map<Long, Long> seen = new HashMap<>();
    private long contest;
    private int decided;
    private Long first;
    private Long candidate;

    /** A referral held for review and how it was decided. */
    private record Decision(long referralId, boolean team, boolean approved) {}

    @BeforeAll
    void world() {
        RegistryFixtures.clear(jdbc);
        predictor.refresh();
    }

    @AfterAll
    void leave() {
        clock.reset();
        RegistryFixtures.clear(jdbc);
        predictor.refresh();
        engagement.refresh();
    }

    @Test
    @Order(1)
    void belowTheMinimumOfDecisionsTheRunFailsSayingSoAndTheRulesDecide() {
        contest = activeContest(Api.at(port).admin(), contestWithoutConfirmation());
        clock.pin(Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS));
        while (decided < 100) {
            decided += referrer(contest, referrers.get() % 2 == 0).size();
        }

        Api.Response started = admin.post("/api/v1/models/referral-risk/train");

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.header("Location")).matches("/api/v1/models/training-jobs/\\d+");
        assertThat(started.json().get("kind").asString()).isEqualTo("referral-risk");
        JsonNode job = finished(started.header("Location"));
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("modelId").isNull()).isTrue();
        assertThat(job.get("error").asString())
                .startsWith("Not enough decisions to train a referral risk model: ")
                .contains("decisions on referrals held for their risk (")
                .contains("training needs 200 with at least 30 approved and 30 rejected")
                .endsWith("the rules alone keep scoring referrals.");
        assertThat(admin.get("/api/v1/models?kind=referral-risk").json().get("items"))
                .isEmpty();
        assertThat(admin.get("/api/v1/models/training-jobs?kind=referral-risk")
                        .json()
                        .get("items")
                        .get(0)
                        .get("id")
                        .asLong())
                .isEqualTo(job.get("id").asLong());
        assertThat(admin.get("/api/v1/models?kind=fraud").status()).isEqualTo(400);
        assertThat(predictor.modelId()).isNull();

        // the schedule: the next run of the kind a day after the last one, failed or not
        assertThat(training.runIfDue(JdbcModelRepository.REFERRAL_RISK)).isEmpty();
        clock.advance(Duration.ofHours(23));
        assertThat(training.runIfDue(JdbcModelRepository.REFERRAL_RISK)).isEmpty();
        clock.advance(Duration.ofHours(1));
        TrainingJob scheduled = training.runIfDue(JdbcModelRepository.REFERRAL_RISK)
                .orElseThrow()
                .job();
        assertThat(scheduled.trigger()).isEqualTo(Trigger.SCHEDULED);
        assertThat(scheduled.kind()).isEqualTo("referral-risk");
        assertThat(finished("/api/v1/models/training-jobs/" + scheduled.id())
                        .get("error")
                        .asString())
                .startsWith("Not enough decisions");
    }

    @Test
    @Order(2)
    void aSignalThatPredictsRejectionGivesAnActiveModelThatTheAssessorThenConsults() {
        while (decided < 330) {
            decided += referrer(contest, referrers.get() % 2 == 0).size();
        }

        Api.Response started = admin.post("/api/v1/models/referral-risk/train");
        assertThat(started.status()).isEqualTo(202);
        JsonNode job = finished(started.header("Location"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        first = job.get("modelId").asLong();

        JsonNode model = admin.get("/api/v1/models/" + first).json();
        assertThat(model.get("kind").asString()).isEqualTo("referral-risk");
        assertThat(model.get("status").asString()).as(model.toString()).isEqualTo("ACTIVE");
        assertThat(model.get("algorithm").asString()).isEqualTo("logistic-regression");
        assertThat(model.get("features")).hasSize(RiskSignal.values().length + 1);
        assertThat(model.at("/trainedOn/examples").asLong()
                        + model.at("/validatedOn/examples").asLong())
                .isGreaterThanOrEqualTo(330);
        assertThat(Instant.parse(model.at("/validatedOn/from").asString()))
                .isAfter(Instant.parse(model.at("/trainedOn/to").asString()));
        assertThat(model.get("clickMetrics").isNull()).isTrue();
        // the activation rule: a higher ROC-AUC than the rules' score, a log-loss no higher
        assertThat(model.at("/metrics/rocAuc").asDouble())
                .isGreaterThan(model.at("/baseline/rocAuc").asDouble());
        assertThat(model.at("/metrics/logLoss").asDouble())
                .isLessThanOrEqualTo(model.at("/baseline/logLoss").asDouble());
        assertThat(model.at("/provenance/activation/decision").asString()).isEqualTo("ACTIVE");
        assertThat(model.at("/provenance/coefficients/signal.RANDOM_ADDRESSES").asDouble())
                .isGreaterThan(model.at("/provenance/coefficients/signal.GENERATED_ADDRESSES")
                        .asDouble());
        assertThat(admin.get("/api/v1/models?kind=referral-risk").json().get("items"))
                .extracting(m -> m.get("id").asLong())
                .containsExactly(first);
        assertThat(admin.get("/api/v1/models?kind=engagement").json().get("items"))
                .isEmpty();
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.equals(predictor.modelId()));

        // a new team, which the rules alone would hold, is credited now; a new bot farm is held
        long fresh = activeContest(admin, contestWithoutConfirmation());
        List<JsonNode> team = referrals(fresh, played(fresh, true));
        JsonNode lastOfTeam = team.getLast();
        assertThat(rules(lastOfTeam.get("risk"))).as(lastOfTeam.toString()).isGreaterThanOrEqualTo(0.75);
        assertThat(lastOfTeam.at("/risk/score").asDouble()).isLessThan(0.4);
        assertThat(lastOfTeam.at("/risk/level").asString()).isEqualTo("LOW");
        assertThat(lastOfTeam.get("status").asString()).isEqualTo("CREDITED");
        assertThat(team).noneMatch(r -> r.get("status").asString().equals("FLAGGED"));

        List<JsonNode> bots = referrals(fresh, played(fresh, false));
        JsonNode lastOfBots = bots.getLast();
        assertThat(lastOfBots.get("status").asString())
                .as(lastOfBots.toString())
                .isEqualTo("FLAGGED");
        assertThat(lastOfBots.get("reason").asString()).isEqualTo("RISK_SCORE");
        assertThat(lastOfBots.at("/risk/score").asDouble()).isGreaterThanOrEqualTo(0.75);
        assertThat(lastOfBots.at("/risk/score").asDouble()).isNotEqualTo(rules(lastOfBots.get("risk")));
    }

    @Test
    @Order(3)
    void decisionsThatFollowTheRulesScoreLeaveTheModelCandidate() {
        assertThat(first).as("the model of the previous test").isNotNull();
        long own = activeContest(admin, contestWithoutConfirmation());
        // bot farms whose browsers vary, so that the rules' scores spread; played first, decided after
        List<Long> held = new ArrayList<>();
        while (held.size() < 70) {
            held.addAll(played(own, false, 0.4 + 0.6 * random.nextDouble()));
            held.removeIf(id -> !admin.get("/api/v1/referrals/" + id)
                    .json()
                    .get("status")
                    .asString()
                    .equals("FLAGGED"));
        }
        Map<Long, Double> scores = new HashMap<>();
        for (long id : held) {
            scores.put(id, rules(admin.get("/api/v1/referrals/" + id).json().get("risk")));
        }
        double cut = scores.values().stream().sorted().toList().get(held.size() / 2);
        // the operator rejects exactly what the rules score highest, in no particular order
        List<Long> order = new ArrayList<>(held);
        java.util.Collections.shuffle(order, new java.util.Random(7));
        for (long id : order) {
            clock.advance(Duration.ofMinutes(3));
            decide(id, scores.get(id) < cut);
        }

        TrainingWorker worker = worker(own);
        try {
            long id = worker.start(JdbcModelRepository.REFERRAL_RISK, Trigger.MANUAL)
                    .job()
                    .id();
            JsonNode job = finished("/api/v1/models/training-jobs/" + id);
            assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            candidate = job.get("modelId").asLong();
        } finally {
            worker.stop();
        }
        JsonNode model = admin.get("/api/v1/models/" + candidate).json();
        assertThat(model.get("status").asString()).isEqualTo("CANDIDATE");
        assertThat(model.at("/baseline/rocAuc").asDouble()).isEqualTo(1.0);
        assertThat(model.at("/provenance/activation/reason").asString()).contains("than the rules");
        assertThat(predictor.modelId()).isEqualTo(first);
    }

    @Test
    @Order(4)
    void activationSwitchesAndRollsBackWithinTheKindOnly() {
        assertThat(candidate).as("the models of the previous tests").isNotNull();
        long engagementModel = models.insert(new JdbcModelRepository.NewModel(
                JdbcModelRepository.ENGAGEMENT,
                "logistic-regression",
                ModelStatus.ACTIVE,
                clock.instant(),
                0,
                new EngagementTrainer.Window(TestModels.T0, TestModels.CUT, 10, 2),
                new EngagementTrainer.Window(TestModels.CUT, TestModels.T1, 5, 1),
                List.of("recency"),
                ModelMetrics.of(TestModels.report(0.7, 0.4)),
                ModelMetrics.of(TestModels.report(0.6, 0.5)),
                ModelMetrics.of(TestModels.report(0.7, 0.4)),
                ModelMetrics.of(TestModels.report(0.6, 0.5)),
                Map.of(),
                new TestModels.FixedModel(0.2, 0.02).toBytes()));

        JsonNode switched =
                admin.post("/api/v1/models/" + candidate + "/activate").json();

        assertThat(switched.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(status(first)).isEqualTo("RETIRED");
        assertThat(predictor.modelId()).isEqualTo(candidate);
        assertThat(status(engagementModel)).isEqualTo("ACTIVE");

        Api.Response rollback = admin.post("/api/v1/models/" + first + "/activate");
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(status(first)).isEqualTo("ACTIVE");
        assertThat(status(candidate)).isEqualTo("RETIRED");
        assertThat(predictor.modelId()).isEqualTo(first);
        assertThat(status(engagementModel)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT count(*) FROM models WHERE status = 'ACTIVE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // another instance's predictor reads the same active model
        ReferralRiskPredictor elsewhere = new ReferralRiskPredictor(models);
        assertThat(elsewhere.modelId()).isEqualTo(first);

        // the console shows both kinds, and a referral risk model against the rules
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);
        Api.Response list = viewer.get("/models");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(Jsoup.parse(list.body()).select("td:contains(referral-risk)"))
                .hasSize(2);
        Api.Response page = viewer.get("/models/" + first);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Document shown = Jsoup.parse(page.body());
        assertThat(shown.select("h2").eachText()).contains("P(rejected): against the rules");
        assertThat(shown.select("h2").eachText()).doesNotContain("P(click): against the baseline");
        assertThat(shown.text()).contains("decisions", "rejected");
    }

    // --- the world ------------------------------------------------------------------------------

    /**
     * One referrer and its referees, signed up through the API, then its referrals held for review
     * decided as operators would (teams approved, bots rejected, one in ten the other way).
     */
    private List<Decision> referrer(long contestId, boolean team) {
        List<Decision> decisions = new ArrayList<>();
        for (long id : played(contestId, team)) {
            JsonNode referral = admin.get("/api/v1/referrals/" + id).json();
            if (!referral.get("status").asString().equals("FLAGGED")) {
                continue;
            }
            boolean approved = team != (random.nextDouble() < 0.1);
            clock.advance(Duration.ofMinutes(2));
            decide(id, approved);
            decisions.add(new Decision(id, team, approved));
        }
        return decisions;
    }

    private List<Long> played(long contestId, boolean team) {
        return played(contestId, team, 1.0);
    }

    /**
     * Signs up a referrer and seven referees (a browser shared by a {@code shared} share of them),
     * a few minutes apart at random; the referrals' ids, in signup order.
     */
    private List<Long> played(long contestId, boolean team, double shared) {
        int r = referrers.incrementAndGet();
        String agent = BROWSERS.get(r % BROWSERS.size());
        String code = join(contestId, "owner" + letters(r) + "@home" + r + ".example", agent, null)
                .get("referralCode")
                .asString();
        String stem = NAMES.get(r % NAMES.size());
        for (int i = 1; i <= 7; i++) {
            clock.advance(Duration.ofSeconds(60 + (long) (-600 * Math.log(1 - random.nextDouble()))));
            String local = team ? stem + i : randomLocal();
            String browser =
                    random.nextDouble() < shared ? agent : BROWSERS.get(random.nextInt(BROWSERS.size())) + " r" + i;
            join(contestId, local + "@" + (team ? "corp" : "mail") + r + ".example", browser, code);
        }
        clock.advance(Duration.ofMinutes(30));
        return added(contestId);
    }

    private JsonNode join(long contestId, String email, String userAgent, String code) {
        int n = NETWORK.incrementAndGet();
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        if (code != null) {
            body.put("referralCode", code);
        }
        Api.Response r = Api.at(port)
                .with("X-Forwarded-For", "10." + (200 + n / 62_500) + "." + (n / 250 % 250) + "." + (n % 250 + 1))
                .with("User-Agent", userAgent)
                .post("/api/v1/contests/" + contestId + "/signups", body);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    private void decide(long referralId, boolean approved) {
        Api.Response r = admin.post("/api/v1/referrals/" + referralId + (approved ? "/approve" : "/reject"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The contest's referrals since the last call, oldest first (the list is keyset-paged by id). */
    private List<Long> added(long contestId) {
        List<Long> ids = new ArrayList<>();
        long cursor = seen.getOrDefault(contestId, 0L);
        while (true) {
            JsonNode page = admin.get("/api/v1/contests/" + contestId + "/referrals?limit=500&cursor=" + cursor)
                    .json();
            page.get("items").forEach(r -> ids.add(r.get("id").asLong()));
            if (page.get("nextCursor") == null || page.get("nextCursor").isNull()) {
                break;
            }
            cursor = page.get("nextCursor").asLong();
        }
        if (!ids.isEmpty()) {
            seen.put(contestId, ids.getLast());
        }
        return ids;
    }

    private List<JsonNode> referrals(long contestId, List<Long> ids) {
        List<JsonNode> all = new ArrayList<>();
        for (long id : ids) {
            all.add(admin.get("/api/v1/referrals/" + id).json());
        }
        assertThat(all).isNotEmpty();
        return all;
    }

    /** The rules' score of a stored risk: the noisy-OR of its reasons (docs/decisions/0024). */
    private static double rules(JsonNode risk) {
        double keep = 1;
        for (JsonNode reason : risk.get("reasons")) {
            keep *= 1
                    - RiskSignal.valueOf(reason.get("code").asString()).weight()
                            * reason.get("strength").asDouble();
        }
        return 1 - keep;
    }

    /** A local part that looks generated: consonants and digits interleaved. */
    private String randomLocal() {
        String consonants = "bcdfghjklmnpqrstvwxz";
        StringBuilder s = new StringBuilder();
        for (char kind : "ccdcccdcd".toCharArray()) {
            s.append(
                    kind == 'c'
                            ? consonants.charAt(random.nextInt(consonants.length()))
                            : (char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    private String status(long modelId) {
        return admin.get("/api/v1/models/" + modelId).json().get("status").asString();
    }

    /** A training worker of its own (another instance) whose referral risk runs read only this contest's decisions. */
    private TrainingWorker worker(long contestId) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        // every decision of this contest in the first page, none after it
        ReferralRiskTraining.Labels own = (after, afterId, limit) -> after.equals(Instant.EPOCH) && afterId == 0
                ? contests.riskLabels(after, afterId, 1_000_000).stream()
                        .filter(l -> l.contestId() == contestId)
                        .toList()
                : List.<RiskLabel>of();
        return new TrainingWorker(
                        none.getBeanProvider(EngagementTrainer.class),
                        none.getBeanProvider(EngagementTimelines.class),
                        jobs,
                        registry,
                        H2ModelRegistryTest.properties(),
                        clock,
                        transactions)
                .add(new ReferralRiskTraining(
                        own, registry, new ReferralRiskProperties(Duration.ofHours(24), 40, 10, 0.25, 100_000)));
    }

    private JsonNode finished(String path) {
        await().atMost(2, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        !"RUNNING".equals(admin.get(path).json().get("status").asString()));
        return admin.get(path).json();
    }
}
