package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The training and scoring benchmark of {@code bench/intelligence/training.sh} (a main program, not
 * a test nor JMH): simulates PEOPLE people (about 20 past sends each) into memory, trains on them
 * with THREADS threads, and reports the time, the examples, the peak heap and resident memory above
 * what the timelines themselves take; then times the model's {@code predict} for the 168 hours of a
 * week, contact after contact (what batch scoring asks), on one thread.
 *
 * <p>Arguments: people, threads, contacts to score.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int people = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int scored = Integer.parseInt(args[2]);
        Path dir = Files.createTempDirectory("training-bench");
        long started = System.nanoTime();
        SimulatedWorld world =
                SimulatedWorld.simulate(dir, "people=" + people, "oracle.particles=0", "seed=" + (people + 11));
        long sends = world.timelines().stream().mapToLong(t -> t.sends().size()).sum();
        System.out.printf(Locale.ROOT, "simulated %,d people, %,d sends in %.1f s%n", people, sends, seconds(started));
        System.gc();
        long heapBefore = heapUsed();
        long rssBefore = rss();
        AtomicLong peakHeap = new AtomicLong(heapBefore);
        AtomicLong peakRss = new AtomicLong(rssBefore);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(heapUsed(), Math::max);
                peakRss.accumulateAndGet(rss(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long training = System.nanoTime();
        Outcome outcome = new XgboostEngagementTrainer()
                .train(
                        world,
                        world.future(),
                        new EngagementTrainer.Settings(2000, 100, 0.2, threads, 5_000_000),
                        null,
                        EngagementTrainer.Progress.NONE);
        double trainSeconds = seconds(training);
        sampler.interrupt();
        sampler.join();
        System.out.printf(
                Locale.ROOT,
                "trained %s on %,d examples (validated on %,d) with %d threads in %.1f s; peak extra heap %d MB,"
                        + " peak extra RSS %d MB (heap %d MB and RSS %d MB before)%n",
                outcome.model().algorithm(),
                outcome.trainedOn().examples(),
                outcome.validatedOn().examples(),
                threads,
                trainSeconds,
                (peakHeap.get() - heapBefore) >> 20,
                (peakRss.get() - rssBefore) >> 20,
                heapBefore >> 20,
                rssBefore >> 20);
        System.out.println("durations " + outcome.provenance().get("durationsMs") + ", rounds "
                + outcome.provenance().get("parameters"));
        System.out.printf(
                Locale.ROOT,
                "validation P(open): model ROC-AUC %.4f log-loss %.4f ECE %.4f; baseline ROC-AUC %.4f log-loss %.4f ECE %.4f%n",
                outcome.metrics().open().rocAuc(),
                outcome.metrics().open().logLoss(),
                outcome.metrics().open().ece(),
                outcome.baseline().open().rocAuc(),
                outcome.baseline().open().logLoss(),
                outcome.baseline().open().ece());
        predict(EngagementModels.read(outcome.model().toBytes()), world, scored);
    }

    /** The week's 168 hours for contact after contact, as batch scoring asks; warmed up first. */
    private static void predict(EngagementModel model, SimulatedWorld world, int scored) {
        List<Instant> week = new ArrayList<>();
        Instant from = world.future().plus(Duration.ofMinutes(30));
        for (int h = 0; h < 168; h++) {
            week.add(from.plus(Duration.ofHours(h)));
        }
        List<ContactTimeline> timelines = world.timelines();
        double sink = 0;
        for (int round = 0; round < 2; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < scored; i++) {
                sink += model.predict(timelines.get(i % timelines.size()), week)
                        .get(i % 168)
                        .open();
            }
            double micros = (System.nanoTime() - started) / 1e3 / scored;
            System.out.printf(
                    Locale.ROOT,
                    "%s: predict of 168 hours, %,d contacts on one thread: %.1f us per contact (%.0f contacts/s)%n",
                    round == 0 ? "warm-up" : "measured",
                    scored,
                    micros,
                    1e6 / micros);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The resident set size of this process (native XGBoost memory included), Linux only. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (java.io.IOException e) {
            return 0;
        }
        return 0;
    }

    private static double seconds(long from) {
        return (System.nanoTime() - from) / 1e9;
    }
}
