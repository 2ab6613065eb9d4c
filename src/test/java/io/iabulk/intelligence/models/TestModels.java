package io.iabulk.intelligence.models;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.learning.EngagementModel;
import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Outcomes of training runs built by hand, a model that answers fixed probabilities, and a trainer
 * that answers what a test scripted: the registry's rules tested without training anything.
 */
final class TestModels {

    static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    static final Instant CUT = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-01T00:00:00Z");

    private TestModels() {}

    /** A report with this ROC-AUC and log-loss (the metrics the rule reads) and plausible others. */
    static Metrics.Report report(double rocAuc, double logLoss) {
        return new Metrics.Report(
                rocAuc, 0.4, logLoss, 0.15, 0.01, 2.5, List.of(new Metrics.Calibration(0.21, 0.2, 1000)));
    }

    static EngagementTrainer.Evaluation evaluation(double rocAuc, double logLoss) {
        return new EngagementTrainer.Evaluation(report(rocAuc, logLoss), report(rocAuc - 0.05, logLoss / 3));
    }

    /** A trained outcome: the model's, the baseline's and (null: none given) the active model's metrics. */
    static EngagementTrainer.Outcome outcome(
            EngagementModel model,
            EngagementTrainer.Evaluation metrics,
            EngagementTrainer.Evaluation baseline,
            EngagementTrainer.Evaluation active) {
        return new EngagementTrainer.Outcome(
                model,
                null,
                new EngagementTrainer.Window(T0, CUT, 8000, 1600),
                new EngagementTrainer.Window(CUT, T1, 2000, 400),
                metrics,
                baseline,
                active,
                Map.of("library", "test", "candidates", List.of("fixed")));
    }

    static EngagementTrainer.Outcome notEnough() {
        return new EngagementTrainer.Outcome(
                null,
                "120 sends with 7 opens; training needs 2,000 sends with 100 opens; predictions stay on the baseline",
                new EngagementTrainer.Window(T0, CUT, 100, 5),
                new EngagementTrainer.Window(CUT, T1, 20, 2),
                null,
                null,
                null,
                Map.of());
    }

    /** Answers the same probabilities for every contact and time; its bytes say which. */
    record FixedModel(double open, double click) implements EngagementModel {

        static final Function<byte[], EngagementModel> READER = bytes -> {
            String[] parts = new String(bytes, StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals("fixed")) {
                throw new IllegalArgumentException("not a fixed model");
            }
            return new FixedModel(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        };

        @Override
        public String algorithm() {
            return "logistic-regression";
        }

        @Override
        public List<String> features() {
            return List.of("recency", "frequency", "localHour");
        }

        @Override
        public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
            return sendTimes.stream()
                    .map(t -> new SendProbabilities(t, open, click))
                    .toList();
        }

        @Override
        public byte[] toBytes() {
            return ("fixed:" + open + ":" + click).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Answers the outcomes given, one per run (the last one again when they run out), and records
     * the active model each run was given. {@code block} makes a run wait until released.
     */
    static final class ScriptedTrainer implements EngagementTrainer {

        final List<EngagementModel> activeGiven = new CopyOnWriteArrayList<>();
        private final List<Function<EngagementModel, Outcome>> script = new ArrayList<>();
        private int next;

        ScriptedTrainer then(Outcome outcome) {
            script.add(active -> outcome);
            return this;
        }

        ScriptedTrainer then(Function<EngagementModel, Outcome> outcome) {
            script.add(outcome);
            return this;
        }

        @Override
        public synchronized Outcome train(
                EngagementTimelines timelines,
                Instant now,
                Settings settings,
                EngagementModel active,
                Progress progress) {
            activeGiven.add(active == null ? new FixedModel(-1, -1) : active);
            progress.stage("reading", 10, 0);
            Function<EngagementModel, Outcome> step = script.get(Math.min(next++, script.size() - 1));
            return step.apply(active);
        }
    }
}
