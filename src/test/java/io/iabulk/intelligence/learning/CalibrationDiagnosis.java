package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.evaluation.ExpectedMetrics;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A main program (not a test): where does the model's hold-out miscalibration come from? Trains on a
 * simulated world read from a directory (bench/intelligence/simulate.sh's files), then prints, per
 * past campaign (its messageId and the simulator's open appeal, read from campaigns.csv), the
 * observed open rate against the mean prediction, and the hold-out and future-send figures of
 * calibrations fitted on other rows.
 *
 * <pre>
 * java … CalibrationDiagnosis /work/sim-data/v1
 * </pre>
 */
public final class CalibrationDiagnosis {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Instant future = Instant.parse("2026-11-03T14:00:00Z");
        SimulatedWorld world = SimulatedWorld.read(dir, future);
        Map<Long, String> campaignOf = new HashMap<>();
        for (String line :
                Files.readAllLines(dir.resolve("history.csv")).stream().skip(1).toList()) {
            String[] c = line.split(",", -1);
            campaignOf.put(Instant.parse(c[2]).getEpochSecond(), c[1]);
        }
        Map<String, Double> appeal = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("campaigns.csv")).stream()
                .skip(1)
                .toList()) {
            String[] c = line.split(",", -1);
            appeal.put(c[0], Double.parseDouble(c[7]));
        }
        EngagementTrainer.Settings settings = new EngagementTrainer.Settings(2000, 100, 0.2, 2, 5_000_000);
        Outcome outcome = new XgboostEngagementTrainer()
                .train(world, world.future(), settings, null, EngagementTrainer.Progress.NONE);
        TrainedEngagementModel model = (TrainedEngagementModel) outcome.model();
        System.out.println(
                "model " + model.algorithm() + " " + outcome.provenance().get("calibration"));
        System.out.printf(
                Locale.ROOT,
                "the model's own hold-out P(open): rocAuc %.4f logLoss %.4f ece %.4f; P(click) rocAuc %.4f logLoss %.4f"
                        + " ece %.4f%n",
                outcome.metrics().open().rocAuc(),
                outcome.metrics().open().logLoss(),
                outcome.metrics().open().ece(),
                outcome.metrics().click().rocAuc(),
                outcome.metrics().click().logLoss(),
                outcome.metrics().click().ece());

        // the same examples again, with every row kept
        long labelledUntil = world.future().getEpochSecond() - ContactHistory.WINDOW;
        DayCounts counts = new DayCounts(labelledUntil);
        world.forEachActive(t -> counts.add(new ContactHistory(t)));
        XgboostEngagementTrainer.Split split = XgboostEngagementTrainer.Split.of(counts, settings);
        long day = 86400;
        PopulationStats stats = counts.stats(split.firstDay(), split.trainUntil() / day);
        var population = counts.baseline(split.firstDay(), split.trainUntil() / day);
        XgboostEngagementTrainer.Examples examples =
                new XgboostEngagementTrainer.Examples(split, stats, new BaselinePredictor(() -> population), null);
        world.forEachActive(examples::add);

        Map<String, ExampleTable> tables = new LinkedHashMap<>();
        tables.put("fit", examples.fit);
        tables.put("calibration", examples.calibration);
        tables.put("validation", examples.validation);
        Map<String, double[]> margins = new LinkedHashMap<>();
        for (var e : tables.entrySet()) {
            ExampleTable table = e.getValue();
            double[] m = new double[table.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = model.open().margin(table.chunk(i), table.offset(i));
            }
            margins.put(e.getKey(), m);
        }
        Platt current = Platt.fit(margins.get("calibration"), examples.calibration.labels(true));
        System.out.printf(Locale.ROOT, "current Platt a %.4f b %.4f%n", current.a(), current.b());

        // per campaign: n, observed, mean calibrated prediction, logit residual, appeal
        System.out.println("part        campaign   appeal      n  observed predicted  logit(obs)-logit(pred)");
        double[] sums = new double[4];
        for (var e : tables.entrySet()) {
            ExampleTable table = e.getValue();
            double[] m = margins.get(e.getKey());
            Map<String, double[]> byCampaign = new TreeMap<>();
            Map<String, List<Double>> campaignMargins = new TreeMap<>();
            for (int i = 0; i < m.length; i++) {
                String c = campaignOf.getOrDefault(table.sentAt(i), "?");
                double[] s = byCampaign.computeIfAbsent(c, k -> new double[3]);
                s[0]++;
                s[1] += table.opened(i) ? 1 : 0;
                s[2] += current.probability(m[i]);
                campaignMargins.computeIfAbsent(c, k -> new ArrayList<>()).add(m[i]);
            }
            double[] part = new double[3];
            for (var c : byCampaign.entrySet()) {
                double[] s = c.getValue();
                double delta = offset(
                        campaignMargins.get(c.getKey()).stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray(),
                        s[1] / s[0]);
                part[0] += s[0];
                part[1] += s[1];
                part[2] += s[2];
                System.out.printf(
                        Locale.ROOT,
                        "%-11s %-9s %7.3f %6d %9.4f %9.4f %8.3f  raw offset %7.3f  minus appeal %7.3f%n",
                        e.getKey(),
                        c.getKey(),
                        appeal.getOrDefault(c.getKey(), Double.NaN),
                        (long) s[0],
                        s[1] / s[0],
                        s[2] / s[0],
                        logit(s[1] / s[0]) - logit(s[2] / s[0]),
                        delta,
                        delta - appeal.getOrDefault(c.getKey(), Double.NaN));
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-11s %-9s %7s %6d %9.4f %9.4f %8.3f  (sends-weighted mean appeal %.3f)%n",
                    e.getKey(),
                    "ALL",
                    "",
                    (long) part[0],
                    part[1] / part[0],
                    part[2] / part[0],
                    logit(part[1] / part[0]) - logit(part[2] / part[0]),
                    weightedAppeal(byCampaign, appeal));
        }

        // calibrations fitted on other rows
        double[] all = concat(margins.get("fit"), margins.get("calibration"));
        boolean[] allLabels = concat(examples.fit.labels(true), examples.calibration.labels(true));
        Map<String, Platt> variants = new LinkedHashMap<>();
        variants.put("identity (raw booster)", Platt.IDENTITY);
        variants.put("calibration slice (current)", current);
        variants.put("fit rows, in-sample", Platt.fit(margins.get("fit"), examples.fit.labels(true)));
        variants.put("whole training, in-sample", Platt.fit(all, allLabels));
        variants.put(
                "slice slope, whole-range b", new Platt(current.a(), interceptFor(current.a(), all, allLabels, null)));
        double[] weights = new double[all.length];
        long end = split.trainUntil();
        for (int i = 0; i < all.length; i++) {
            long t = i < examples.fit.size()
                    ? examples.fit.sentAt(i)
                    : examples.calibration.sentAt(i - examples.fit.size());
            weights[i] = Math.pow(0.5, (end - t) / (60.0 * 86400));
        }
        variants.put(
                "slice slope, b recency 60d",
                new Platt(current.a(), interceptFor(current.a(), all, allLabels, weights)));
        variants.put(
                "ORACLE: validation itself", Platt.fit(margins.get("validation"), examples.validation.labels(true)));
        boolean[] validationLabels = examples.validation.labels(true);
        List<ContactTimeline> people = new ArrayList<>();
        List<Double> truthList = new ArrayList<>();
        for (ContactTimeline t : world.timelines()) {
            Double p = world.trueOpen().get(t.email());
            if (p != null) {
                people.add(t);
                truthList.add(p);
            }
        }
        double[] truth = truthList.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                Locale.ROOT, "truth at T: mean %.4f, Bayes AUC %.4f%n", mean(truth), ExpectedMetrics.bayesAuc(truth));
        double[] rawT = new double[people.size()];
        for (int i = 0; i < rawT.length; i++) {
            TrainedEngagementModel raw = new TrainedEngagementModel(
                    model.algorithm(), model.population(), model.open(), Platt.IDENTITY, model.click(), Platt.IDENTITY);
            double p = raw.predict(people.get(i), List.of(future)).getFirst().open();
            rawT[i] = logit(p);
        }
        TrainedEngagementModel rawModel = new TrainedEngagementModel(
                model.algorithm(), model.population(), model.open(), Platt.IDENTITY, model.click(), Platt.IDENTITY);
        for (String when : List.of(
                "2026-10-23T14:00:00Z",
                "2026-10-27T14:00:00Z",
                "2026-11-03T14:00:00Z",
                "2026-11-10T14:00:00Z",
                "2026-11-24T14:00:00Z")) {
            double sum = 0;
            for (ContactTimeline t : people) {
                sum += rawModel.predict(t, List.of(Instant.parse(when)))
                        .getFirst()
                        .open();
            }
            System.out.printf(Locale.ROOT, "raw mean prediction at %s: %.4f%n", when, sum / people.size());
        }
        System.out.printf(Locale.ROOT, "raw offset needed at T (mean of truth): %.3f%n", offset(rawT, mean(truth)));
        System.out.println(
                "calibration                      a       b     | hold-out ece  logLoss  mean  | at T: E[ECE]  mean   E[logLoss]");
        for (var v : variants.entrySet()) {
            Platt p = v.getValue();
            double[] m = margins.get("validation");
            double[] q = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                q[i] = p.probability(m[i]);
            }
            var report = Metrics.report(q, validationLabels);
            TrainedEngagementModel variant = new TrainedEngagementModel(
                    model.algorithm(), model.population(), model.open(), p, model.click(), Platt.IDENTITY);
            double[] atT = new double[people.size()];
            for (int i = 0; i < atT.length; i++) {
                atT[i] = variant.predict(people.get(i), List.of(future))
                        .getFirst()
                        .open();
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-30s %7.4f %7.4f | %.4f  %.4f  %.4f | %.4f  %.4f  %.4f%n",
                    v.getKey(),
                    p.a(),
                    p.b(),
                    report.ece(),
                    report.logLoss(),
                    mean(q),
                    ExpectedMetrics.ece(atT, truth),
                    mean(atT),
                    ExpectedMetrics.logLoss(atT, truth));
        }
    }

    private static double weightedAppeal(Map<String, double[]> byCampaign, Map<String, Double> appeal) {
        double s = 0;
        double n = 0;
        for (var c : byCampaign.entrySet()) {
            Double a = appeal.get(c.getKey());
            if (a != null) {
                s += a * c.getValue()[0];
                n += c.getValue()[0];
            }
        }
        return s / n;
    }

    static double interceptFor(double a, double[] margin, boolean[] label, double[] weight) {
        double target = 0;
        double total = 0;
        for (int i = 0; i < margin.length; i++) {
            double w = weight == null ? 1 : weight[i];
            target += label[i] ? w : 0;
            total += w;
        }
        double lo = -5;
        double hi = 5;
        for (int k = 0; k < 60; k++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (int i = 0; i < margin.length; i++) {
                s += (weight == null ? 1 : weight[i]) / (1 + Math.exp(-(a * margin[i] + mid)));
            }
            if (s < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The shift of every margin that makes the mean probability {@code target}. */
    static double offset(double[] margin, double target) {
        double lo = -5;
        double hi = 5;
        for (int k = 0; k < 60; k++) {
            double mid = (lo + hi) / 2;
            double s = 0;
            for (double m : margin) {
                s += 1 / (1 + Math.exp(-(m + mid)));
            }
            if (s / margin.length < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static boolean[] concat(boolean[] a, boolean[] b) {
        boolean[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
