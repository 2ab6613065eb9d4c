package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.evaluation.ExpectedMetrics;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A main program (not a test): simulates a world, trains on it in memory and prints the validation
 * metrics next to the baseline's, then the expected ROC-AUC of the model's P(open) for the future
 * send T against the simulator's true probabilities, next to the Bayes-optimal AUC.
 *
 * <pre>
 * java … ModelQuality [simulator key=value …]      (e.g. people=20000)
 * </pre>
 */
public final class ModelQuality {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("model-quality");
        long started = System.nanoTime();
        List<String> overrides = new ArrayList<>(List.of("oracle.particles=0"));
        overrides.addAll(Arrays.asList(args));
        SimulatedWorld world = SimulatedWorld.simulate(dir, overrides.toArray(String[]::new));
        System.out.printf(
                Locale.ROOT,
                "simulated %d people in %.1f s%n",
                world.timelines().size(),
                seconds(started));
        Result result = measure(world);
        System.out.print(result.text());
    }

    record Result(
            Outcome outcome,
            double expectedAuc,
            double bayesAuc,
            double baselineExpectedAuc,
            double expectedEce,
            String text) {}

    static Result measure(SimulatedWorld world) {
        long started = System.nanoTime();
        Outcome outcome = new XgboostEngagementTrainer()
                .train(
                        world,
                        world.future(),
                        new EngagementTrainer.Settings(2000, 100, 0.2, 2, 5_000_000),
                        null,
                        EngagementTrainer.Progress.NONE);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "trained in %.1f s: %s%n", seconds(started), outcome.reason()));
        if (!outcome.trained()) {
            return new Result(outcome, Double.NaN, Double.NaN, Double.NaN, Double.NaN, text.toString());
        }
        text.append("algorithm ").append(outcome.model().algorithm()).append('\n');
        text.append("provenance ").append(outcome.provenance()).append('\n');
        text.append(line("model open", outcome.metrics().open()));
        text.append(line("baseline open", outcome.baseline().open()));
        text.append(line("model click", outcome.metrics().click()));
        text.append(line("baseline click", outcome.baseline().click()));
        List<Double> truth = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        var population = io.iabulk.intelligence.predictions.BaselinePredictor.Population.PRIOR;
        var baselinePredictor = new io.iabulk.intelligence.predictions.BaselinePredictor(() -> population);
        List<Instant> at = List.of(world.future());
        long predicting = System.nanoTime();
        for (ContactTimeline timeline : world.timelines()) {
            Double p = world.trueOpen().get(timeline.email());
            if (p == null) {
                continue;
            }
            SendProbabilities q = outcome.model().predict(timeline, at).getFirst();
            truth.add(p);
            predicted.add(q.open());
            baseline.add(baselinePredictor.predict(timeline, at).getFirst().open());
        }
        double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
        double[] q = predicted.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = baseline.stream().mapToDouble(Double::doubleValue).toArray();
        double bayes = ExpectedMetrics.bayesAuc(t);
        double auc = ExpectedMetrics.auc(q, t);
        double baselineAuc = ExpectedMetrics.auc(b, t);
        text.append(String.format(
                Locale.ROOT,
                "future send %s, %d people (%.1f s): expected AUC model %.4f (%.3f x Bayes %.4f), baseline %.4f"
                        + " (%.3f x), expected ECE model %.4f%n",
                world.future(),
                t.length,
                seconds(predicting),
                auc,
                auc / bayes,
                bayes,
                baselineAuc,
                baselineAuc / bayes,
                ExpectedMetrics.ece(q, t)));
        return new Result(outcome, auc, bayes, baselineAuc, ExpectedMetrics.ece(q, t), text.toString());
    }

    private static String line(String name, Metrics.Report r) {
        return String.format(
                Locale.ROOT,
                "%-15s rocAuc %.4f prAuc %.4f logLoss %.4f brier %.4f ece %.4f lift %.3f%n",
                name,
                r.rocAuc(),
                r.prAuc(),
                r.logLoss(),
                r.brier(),
                r.ece(),
                r.liftAt10());
    }

    private static double seconds(long from) {
        return Duration.ofNanos(System.nanoTime() - from).toMillis() / 1000.0;
    }
}
