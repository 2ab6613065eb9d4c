package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import io.iabulk.intelligence.predictions.BaselinePredictor.Population;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains the engagement model with XGBoost4J (docs/decisions/0019, "Algorithm, minimum data,
 * activation"). Two passes over the timelines: the first counts the labelled sends by day (the time
 * range, the split, the population statistics of the training part); the second builds the
 * features of every example into float chunks and, for the validation examples, asks the baseline
 * and the active model. Then gradient-boosted trees and a logistic regression are fitted for each
 * target on the training part less its last quarter (the trees stopping early on that quarter),
 * calibrated (Platt) on the whole training part, and measured on the validation part; the lower
 * validation log-loss of P(open) wins (then ROC-AUC).
 */
public final class XgboostEngagementTrainer implements EngagementTrainer {

    public static final String TREES = "gradient-boosted-trees";
    public static final String LINEAR = "logistic-regression";
    static final String LIBRARY = "xgboost4j 3.4.0";

    private static final long WINDOW = ContactHistory.WINDOW;
    private static final long DAY = 86400;

    /**
     * The share of the training part's time range, at its end, that the trees do not fit: they stop
     * early on it, and its held-out margins join the fitting rows' in the calibration.
     */
    static final double CALIBRATION_FRACTION = 0.25;

    static final int TREE_ROUNDS = 40;
    static final int EARLY_STOPPING = 10;

    @Override
    public Outcome train(
            EngagementTimelines timelines, Instant now, Settings settings, EngagementModel active, Progress progress) {
        long started = System.nanoTime();
        long labelledUntil = now.getEpochSecond() - WINDOW;
        DayCounts counts = new DayCounts(labelledUntil);
        long[] contacts = {0};
        progress.stage("counting", 0, -1);
        timelines.forEachActive(timeline -> {
            counts.add(new ContactHistory(timeline));
            if (++contacts[0] % 10_000 == 0) {
                progress.stage("counting", contacts[0], -1);
            }
        });
        if (counts.examples == 0) {
            return notEnough(settings, 0, 0, null, null);
        }
        Split split = Split.of(counts, settings);
        long[] trained = counts.sendsAndOpens(split.firstDay(), split.trainUntil / DAY);
        long[] validated = counts.sendsAndOpens(split.cut / DAY, Long.MAX_VALUE);
        Window trainedOn = new Window(
                Instant.ofEpochSecond(split.first), Instant.ofEpochSecond(split.trainUntil), trained[0], trained[1]);
        Window validatedOn = new Window(
                Instant.ofEpochSecond(split.cut), Instant.ofEpochSecond(split.last), validated[0], validated[1]);
        if (trained[0] < settings.minSends() || trained[1] < settings.minOpens() || validated[0] == 0) {
            return notEnough(settings, trained[0], trained[1], trainedOn, validatedOn);
        }
        PopulationStats stats = counts.stats(split.firstDay(), split.trainUntil / DAY);
        Population population = counts.baseline(split.firstDay(), split.trainUntil / DAY);
        Examples examples = new Examples(split, stats, new BaselinePredictor(() -> population), active);
        long readAt = System.nanoTime();
        long total = contacts[0];
        contacts[0] = 0;
        timelines.forEachActive(timeline -> {
            examples.add(timeline);
            if (++contacts[0] % 10_000 == 0) {
                progress.stage("features", contacts[0], total);
            }
        });
        long featuresAt = System.nanoTime();
        if (examples.fit.size() == 0 || examples.calibration.size() == 0 || examples.validation.size() == 0) {
            return notEnough(settings, trained[0], trained[1], trainedOn, validatedOn);
        }
        if (split.sample < 1) {
            // a sample of the contacts: the windows tell what the model was fitted and measured on
            trainedOn = new Window(
                    trainedOn.from(),
                    trainedOn.to(),
                    examples.fit.size() + examples.calibration.size(),
                    examples.fit.opens() + examples.calibration.opens());
            validatedOn = new Window(
                    validatedOn.from(), validatedOn.to(), examples.validation.size(), examples.validation.opens());
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        try {
            Candidates candidates = new Candidates(examples, stats, settings.threads(), progress);
            TrainedEngagementModel trees = candidates.trees();
            TrainedEngagementModel linear = candidates.linear();
            Evaluation treeMetrics = examples.evaluate(trees);
            Evaluation linearMetrics = examples.evaluate(linear);
            boolean treesWin = better(treeMetrics, linearMetrics);
            TrainedEngagementModel chosen = treesWin ? trees : linear;
            Evaluation metrics = treesWin ? treeMetrics : linearMetrics;
            long doneAt = System.nanoTime();
            provenance.put("library", LIBRARY);
            provenance.put("chosen", chosen.algorithm());
            provenance.put("candidates", Map.of(TREES, summary(treeMetrics), LINEAR, summary(linearMetrics)));
            provenance.put("choice", "the lower validation log-loss of P(open), then the higher ROC-AUC");
            provenance.put("parameters", candidates.parameters());
            provenance.put(
                    "calibration",
                    "Platt scaling on the whole training part, " + Instant.ofEpochSecond(split.first) + " to "
                            + Instant.ofEpochSecond(split.trainUntil) + ": "
                            + (examples.fit.size() + examples.calibration.size())
                            + " examples, the fitting rows' own margins and the held-out margins of its last"
                            + " quarter (from " + Instant.ofEpochSecond(split.calibrationFrom)
                            + "), on which the trees stop early");
            provenance.put(
                    "examples",
                    Map.of(
                            "fit", examples.fit.size(),
                            "calibration", examples.calibration.size(),
                            "validation", examples.validation.size()));
            provenance.put("population", Map.of("openRate", stats.open(), "clickRate", stats.click()));
            provenance.put("threads", settings.threads());
            provenance.put(
                    "sample",
                    split.sample >= 1
                            ? "every contact"
                            : String.format(
                                    Locale.ROOT,
                                    "%.4f of the contacts, each with all its sends (%,d labelled sends in all, at most"
                                            + " %,d examples)",
                                    split.sample,
                                    counts.examples,
                                    settings.maxExamples()));
            provenance.put(
                    "durationsMs",
                    Map.of(
                            "counting", millis(started, readAt),
                            "features", millis(readAt, featuresAt),
                            "fitting", millis(featuresAt, doneAt)));
            progress.stage("done", 1, 1);
            return new Outcome(
                    chosen,
                    null,
                    trainedOn,
                    validatedOn,
                    metrics,
                    examples.baselineMetrics(),
                    active == null ? null : examples.activeMetrics(),
                    provenance);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** Lower validation log-loss of P(open); within 1e-4, the higher ROC-AUC. */
    static boolean better(Evaluation a, Evaluation b) {
        double difference = a.open().logLoss() - b.open().logLoss();
        if (Math.abs(difference) > 1e-4) {
            return difference < 0;
        }
        return a.open().rocAuc() >= b.open().rocAuc();
    }

    private static Map<String, Object> summary(Evaluation e) {
        return Map.of(
                "open", Map.of("logLoss", e.open().logLoss(), "rocAuc", e.open().rocAuc()),
                "click",
                        Map.of(
                                "logLoss",
                                e.click().logLoss(),
                                "rocAuc",
                                e.click().rocAuc()));
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static Outcome notEnough(Settings settings, long sends, long opens, Window trainedOn, Window validatedOn) {
        String reason = String.format(
                Locale.ROOT,
                "%,d sends with %,d opens; training needs %,d sends with %,d opens; predictions stay on the baseline",
                sends,
                opens,
                settings.minSends(),
                settings.minOpens());
        if (sends >= settings.minSends() && opens >= settings.minOpens()) {
            reason = String.format(
                    Locale.ROOT,
                    "%,d sends with %,d opens, but over too short a time to fit, calibrate and validate on"
                            + " separate days; predictions stay on the baseline",
                    sends,
                    opens);
        }
        return new Outcome(null, reason, trainedOn, validatedOn, null, null, null, Map.of());
    }

    /**
     * The time split, on day boundaries: validation from {@code cut}, training before {@code cut −
     * 72 h} (a training label must have been known at the cut-off), its last quarter from {@code
     * calibrationFrom} calibrating.
     */
    record Split(long first, long last, long cut, long trainUntil, long calibrationFrom, double sample) {

        /**
         * Whether a contact's sends are examples: all of them when the whole history fits in
         * {@code maxExamples}, else a fixed pseudo-random share of the contacts (by a hash of the id,
         * so a run is repeatable), each with all its sends. A sample of people rather than of days:
         * every campaign of the range is still seen (a list of a million is mailed a million sends
         * in a day, so keeping the most recent days would keep one campaign).
         */
        boolean sampled(long contactId) {
            if (sample >= 1) {
                return true;
            }
            long z = contactId * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
            z ^= z >>> 29;
            return (z >>> 11) * 0x1.0p-53 < sample;
        }

        static Split of(DayCounts counts, Settings settings) {
            long first = counts.first;
            long last = counts.last;
            double sample = Math.min(1.0, settings.maxExamples() / (double) counts.examples);
            long cut = floorDay(last - (long) (settings.validationFraction() * (last - first)));
            long trainUntil = cut - WINDOW;
            long calibrationFrom = floorDay(trainUntil - (long) (CALIBRATION_FRACTION * (trainUntil - first)));
            return new Split(first, last, cut, trainUntil, calibrationFrom, sample);
        }

        long firstDay() {
            return Math.floorDiv(first, DAY);
        }

        private static long floorDay(long t) {
            return Math.floorDiv(t, DAY) * DAY;
        }
    }

    /** The second pass: every example's features, and the other scorers' answers on validation sends. */
    static final class Examples {
        final Split split;
        final PopulationStats stats;
        final BaselinePredictor baseline;
        final EngagementModel active;
        final ExampleTable fit = new ExampleTable();
        final ExampleTable calibration = new ExampleTable();
        final ExampleTable validation = new ExampleTable();
        final Doubles baselineOpen = new Doubles();
        final Doubles baselineClick = new Doubles();
        final Doubles activeOpen = new Doubles();
        final Doubles activeClick = new Doubles();

        Examples(Split split, PopulationStats stats, BaselinePredictor baseline, EngagementModel active) {
            this.split = split;
            this.stats = stats;
            this.baseline = baseline;
            this.active = active;
        }

        void add(ContactTimeline timeline) {
            if (!split.sampled(timeline.contactId())) {
                return;
            }
            ContactHistory h = new ContactHistory(timeline);
            Features.ContactState state = null;
            List<Instant> validated = new ArrayList<>();
            for (int i = 0; i < h.size; i++) {
                long t = h.sentAt[i];
                ExampleTable table = table(t);
                if (table == null) {
                    continue;
                }
                state = Features.state(h, stats, t, state);
                float[] row = table.next();
                Features.fill(h, state, t, row, table.offset());
                table.label(t, h.openHit[i], h.clickHit[i]);
                if (table == validation) {
                    validated.add(Instant.ofEpochSecond(t));
                }
            }
            if (!validated.isEmpty()) {
                for (SendProbabilities p : baseline.predict(timeline, validated)) {
                    baselineOpen.add(p.open());
                    baselineClick.add(p.click());
                }
                if (active != null) {
                    for (SendProbabilities p : active.predict(timeline, validated)) {
                        activeOpen.add(p.open());
                        activeClick.add(p.click());
                    }
                }
            }
        }

        /** The table of a send at {@code t}, or null when it is no example (unlabelled, too old, in the gap). */
        private ExampleTable table(long t) {
            if (t < split.first || t > split.last) {
                return null;
            }
            if (t >= split.cut) {
                return validation;
            }
            if (t >= split.trainUntil) {
                return null;
            }
            return t >= split.calibrationFrom ? calibration : fit;
        }

        Evaluation evaluate(TrainedEngagementModel model) {
            int n = validation.size();
            double[] open = new double[n];
            double[] click = new double[n];
            for (int i = 0; i < n; i++) {
                open[i] = model.openProbability(validation.chunk(i), validation.offset(i));
                click[i] = model.clickProbability(validation.chunk(i), validation.offset(i));
            }
            return evaluation(open, click);
        }

        Evaluation baselineMetrics() {
            return evaluation(baselineOpen.toArray(), baselineClick.toArray());
        }

        Evaluation activeMetrics() {
            return evaluation(activeOpen.toArray(), activeClick.toArray());
        }

        private Evaluation evaluation(double[] open, double[] click) {
            return new Evaluation(
                    Metrics.report(open, validation.labels(true)), Metrics.report(click, validation.labels(false)));
        }
    }

    /** A growable array of doubles. */
    static final class Doubles {
        private double[] values = new double[1024];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
