package io.iabulk.intelligence.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contests.ContestsProperties;
import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import io.iabulk.support.MutableClock;
import io.iabulk.support.RecordedEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The learned referral risk model measured on {@link ReferralWorld} (docs/decisions/0028), run by
 * {@code bench/intelligence/referral-risk.sh} after the rules' runs: training worlds are played
 * with an operator deciding the held referrals by the world's truth, the model is trained through
 * {@code POST /api/v1/models/referral-risk/train}, then other worlds are played twice, with the
 * rules alone and with the model active, and compared with the truth. Not a test: it runs only when
 * {@code referral.model.train} is set.
 */
@IntegrationTest
@TestPropertySource(properties = "iabulk.contests.fraud.risk.enabled=true")
@EnabledIfSystemProperty(named = "referral.model.train", matches = ".+")
class ReferralRiskModelMeasurement {

    /** How often the simulated operator goes through the review queue. */
    private static final Duration REVIEW_EVERY = Duration.ofHours(6);

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    RecordedEvents events;

    @Autowired
    ContestsProperties contests;

    @AfterEach
    void time() {
        clock.reset();
    }

    /** The figures of one played world. */
    record Figures(
            int ring,
            int genuine,
            long ringHigh,
            long genuineHigh,
            long ringHeld,
            long genuineHeld,
            long ringMedium,
            long genuineMedium) {

        static Figures of(List<ReferralPlay.Outcome> outcomes) {
            List<ReferralPlay.Outcome> ring =
                    outcomes.stream().filter(ReferralPlay.Outcome::fake).toList();
            List<ReferralPlay.Outcome> genuine =
                    outcomes.stream().filter(o -> !o.fake()).toList();
            return new Figures(
                    ring.size(),
                    genuine.size(),
                    count(ring, "HIGH"),
                    count(genuine, "HIGH"),
                    ring.stream().filter(o -> o.status().equals("FLAGGED")).count(),
                    genuine.stream().filter(o -> o.status().equals("FLAGGED")).count(),
                    count(ring, "MEDIUM"),
                    count(genuine, "MEDIUM"));
        }

        private static long count(List<ReferralPlay.Outcome> outcomes, String level) {
            return outcomes.stream().filter(o -> o.level().equals(level)).count();
        }

        String row(String world, String scorer) {
            double recall = ring == 0 ? 0 : (double) ringHigh / ring;
            double precision = ringHigh + genuineHigh == 0 ? 0 : (double) ringHigh / (ringHigh + genuineHigh);
            return String.format(
                    Locale.ROOT,
                    "| %s | %s | %.1f %% (%d of %d) | %.3f | %.2f %% (%d of %d) | %d / %d | %d / %d |%n",
                    world,
                    scorer,
                    100 * recall,
                    ringHigh,
                    ring,
                    precision,
                    genuine == 0 ? 0 : 100.0 * genuineHigh / genuine,
                    genuineHigh,
                    genuine,
                    ringHeld,
                    genuineHeld,
                    ringMedium,
                    genuineMedium);
        }
    }

    @Test
    void measure() throws IOException {
        List<ReferralWorld.Parameters> training = specs(System.getProperty("referral.model.train"));
        List<ReferralWorld.Parameters> testing = specs(System.getProperty("referral.model.test", "seed=1"));
        ReferralPlay play = new ReferralPlay(port, clock, events);
        Api admin = Api.at(port).admin();
        StringBuilder report = new StringBuilder();
        ContestsProperties.Risk risk = contests.fraud().risk();

        // 1. the test worlds with the rules alone (no decision, no model yet)
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Figures> rules = new ArrayList<>();
        long began = System.nanoTime();
        for (ReferralWorld.Parameters p : testing) {
            ReferralPlay.Played played = play.play(new ReferralWorld(p), start, null);
            rules.add(Figures.of(played.outcomes()));
            start = played.end().plus(Duration.ofDays(1));
        }

        // 2. the training worlds, an operator deciding the held referrals every few simulated hours
        int approved = 0;
        int rejected = 0;
        int trainingReferrals = 0;
        for (ReferralWorld.Parameters p : training) {
            ReferralPlay.Played played = play.play(new ReferralWorld(p), start, REVIEW_EVERY);
            approved += played.approved();
            rejected += played.rejected();
            trainingReferrals += played.outcomes().size();
            start = played.end().plus(Duration.ofDays(1));
        }

        // 3. the model, trained through the API
        clock.pin(start);
        Api.Response started = admin.post("/api/v1/models/referral-risk/train");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        await().atMost(10, TimeUnit.MINUTES)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !"RUNNING"
                        .equals(admin.get(location).json().get("status").asString()));
        JsonNode job = admin.get(location).json();
        JsonNode model = job.get("modelId").isNull()
                ? null
                : admin.get("/api/v1/models/" + job.get("modelId").asLong()).json();
        boolean byHand = false;
        if (model != null && !model.get("status").asString().equals("ACTIVE")) {
            // it stayed CANDIDATE: activated by hand, to show what it would do (said in the report)
            assertThat(admin.post("/api/v1/models/" + model.get("id").asLong() + "/activate")
                            .status())
                    .isEqualTo(200);
            byHand = true;
        }
        clock.reset();

        // 4. the test worlds again, the model active
        List<Figures> learned = new ArrayList<>();
        if (model != null) {
            // this instance's predictor swapped at once: the activation (by the run or by hand) was here
            for (ReferralWorld.Parameters p : testing) {
                ReferralPlay.Played played = play.play(new ReferralWorld(p), start, null);
                learned.add(Figures.of(played.outcomes()));
                start = played.end().plus(Duration.ofDays(1));
            }
        }
        double minutes = (System.nanoTime() - began) / 60e9;

        header(report, risk, training, testing, minutes);
        report.append(String.format(
                Locale.ROOT,
                "**Decisions played**: %,d referrals in the training worlds; the operator approved %,d held referrals "
                        + "(genuine) and rejected %,d (fakes).%n%n",
                trainingReferrals,
                approved,
                rejected));
        if (model == null) {
            report.append("**No model was trained**: ")
                    .append(job.get("error").asString())
                    .append("\n\n");
        } else {
            model(report, model, byHand);
        }
        report.append(
                "| world | scorer | recall of HIGH on ring referrals | precision of HIGH | genuine referrals HIGH | held "
                        + "(FLAGGED) ring / genuine | MEDIUM ring / genuine |\n|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < testing.size(); i++) {
            String world = testing.get(i).describe();
            report.append(rules.get(i).row(world, "rules alone"));
            if (!learned.isEmpty()) {
                report.append(learned.get(i)
                        .row(world, "rules + model " + model.get("id").asLong()));
            }
        }
        report.append("\n");

        Path out = Path.of(System.getProperty("referral.model.out", "target/referral-risk-model.md"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void header(
            StringBuilder report,
            ContestsProperties.Risk risk,
            List<ReferralWorld.Parameters> training,
            List<ReferralWorld.Parameters> testing,
            double minutes) {
        report.append("### Rules and a learned model (ADR 0028)\n\n");
        report.append("Command: `")
                .append(System.getProperty("referral.model.command", "bench/intelligence/referral-risk.sh"))
                .append("`  \nDate: ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("  \nMachine: ")
                .append(System.getProperty(
                        "referral.risk.machine", Runtime.getRuntime().availableProcessors() + " cores"))
                .append("  \nCommit: ")
                .append(System.getProperty("referral.risk.commit", "unknown"))
                .append(String.format(Locale.ROOT, "  \nDuration: %.0f minutes%n%n", minutes));
        report.append(String.format(
                Locale.ROOT,
                "How: thresholds HIGH ≥ %.2f, MEDIUM ≥ %.2f. Training worlds (%s) are played as above, and every "
                        + "%d simulated hours (and at the end) an operator decides every referral held for review "
                        + "by the world's truth: a fake is rejected, a genuine referral approved (only held "
                        + "referrals can be decided through the API; the watch list cannot). Then `POST "
                        + "/api/v1/models/referral-risk/train` trains on those decisions with the defaults (at "
                        + "least 200 decisions, 30 of each outcome; the latest 20 %% held out). The test worlds "
                        + "(%s) are played twice, in fresh contests: before the training (the rules alone) and "
                        + "with the model active; nobody decides anything in them.%n%n",
                risk.high(),
                risk.medium(),
                String.join(
                        "; ",
                        training.stream()
                                .map(ReferralWorld.Parameters::describe)
                                .toList()),
                REVIEW_EVERY.toHours(),
                String.join("; ", testing.stream().map(p -> "seed=" + p.seed()).toList())));
    }

    private static void model(StringBuilder report, JsonNode model, boolean byHand) {
        report.append(String.format(
                Locale.ROOT,
                "**Model %d**: %s%s. Trained on %d decisions (%d rejected), measured on the %d later ones (%d "
                        + "rejected); it re-scores referrals whose rules' score is at least %.3f. Decision: %s%n%n",
                model.get("id").asLong(),
                model.get("status").asString().equals("ACTIVE") && !byHand ? "ACTIVE" : "CANDIDATE",
                byHand ? " (activated by hand for the comparison below)" : "",
                model.at("/trainedOn/examples").asLong(),
                model.at("/trainedOn/positives").asLong(),
                model.at("/validatedOn/examples").asLong(),
                model.at("/validatedOn/positives").asLong(),
                model.at("/provenance/minRulesScore").asDouble(),
                model.at("/provenance/activation/reason").asString()));
        report.append("| on the held-out decisions | model | rules' score |\n|---|---|---|\n");
        for (String metric : List.of("rocAuc", "prAuc", "logLoss", "brier", "ece")) {
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s |%n",
                    metric,
                    value(model.at("/metrics/" + metric)),
                    value(model.at("/baseline/" + metric))));
        }
        report.append("\nCoefficients (standardised features; positive: towards a rejection): ");
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> c :
                model.at("/provenance/coefficients").properties()) {
            parts.add(String.format(
                    Locale.ROOT, "`%s` %+.2f", c.getKey(), c.getValue().asDouble()));
        }
        report.append(String.join(", ", parts)).append(".\n\n");
    }

    private static String value(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode()
                ? "—"
                : String.format(Locale.ROOT, "%.4f", node.asDouble());
    }

    private static List<ReferralWorld.Parameters> specs(String specs) {
        List<ReferralWorld.Parameters> parsed = new ArrayList<>();
        for (String spec : specs.split(";")) {
            if (!spec.isBlank()) {
                parsed.add(ReferralRiskMeasurement.parse(spec.strip()));
            }
        }
        return parsed;
    }
}
