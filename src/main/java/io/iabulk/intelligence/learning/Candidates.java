package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.learning.EngagementTrainer.Progress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Fits the two candidate algorithms for both targets on the fitting rows, stopping early on the
 * calibration rows and calibrating on them. The fitting rows are copied once into one array for
 * XGBoost and their chunks dropped; the trees fit on that copy, then it is standardised in place for
 * the logistic regression.
 */
final class Candidates {

    private final XgboostEngagementTrainer.Examples examples;
    private final PopulationStats stats;
    private final int threads;
    private final Progress progress;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private float[] fitRows;
    private float[] calibrationRows;
    private final double[][] moments;

    Candidates(XgboostEngagementTrainer.Examples examples, PopulationStats stats, int threads, Progress progress) {
        this.examples = examples;
        this.stats = stats;
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.moments = examples.fit.moments();
        this.fitRows = examples.fit.dense();
        examples.fit.dropRows();
        this.calibrationRows = examples.calibration.dense();
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    TrainedEngagementModel trees() throws XGBoostError {
        Map<String, Object> params = common();
        params.put("booster", "gbtree");
        params.put("tree_method", "hist");
        params.put("max_depth", 4);
        params.put("eta", 0.2);
        params.put("min_child_weight", 20);
        params.put("subsample", 0.8);
        params.put("colsample_bytree", 0.8);
        params.put("lambda", 5);
        params.put("max_bin", 128);
        parameters.put(XgboostEngagementTrainer.TREES, describe(params, XgboostEngagementTrainer.TREE_ROUNDS));
        DMatrix fit = matrix(fitRows, examples.fit);
        DMatrix calibration = matrix(calibrationRows, examples.calibration);
        try {
            progress.stage("fitting trees: open", 0, 2);
            Fitted open = fit(fit, calibration, params, true, XgboostEngagementTrainer.TREE_ROUNDS);
            progress.stage("fitting trees: click", 1, 2);
            Fitted click = fit(fit, calibration, params, false, XgboostEngagementTrainer.TREE_ROUNDS);
            TreeEnsemble openTrees = TreeEnsemble.fromXgboostJson(open.json, open.rounds);
            TreeEnsemble clickTrees = TreeEnsemble.fromXgboostJson(click.json, click.rounds);
            parameters.put(
                    XgboostEngagementTrainer.TREES + ".rounds", Map.of("open", open.rounds, "click", click.rounds));
            return calibrated(XgboostEngagementTrainer.TREES, openTrees, clickTrees);
        } finally {
            fit.dispose();
            calibration.dispose();
        }
    }

    /** Run after {@link #trees()}: it standardises the rows in place. */
    TrainedEngagementModel linear() {
        double[] mean = moments[0];
        double[] sd = moments[1];
        standardise(fitRows, mean, sd);
        calibrationRows = null;
        parameters.put(
                XgboostEngagementTrainer.LINEAR,
                Map.of(
                        "fitting", "Newton (IRLS) on standardised features",
                        "l2", LogisticRegression.L2,
                        "maxIterations", LogisticRegression.MAX_ITERATIONS));
        progress.stage("fitting logistic regression", 0, 1);
        double[] open = LogisticRegression.fit(fitRows, Features.COUNT, examples.fit.labels(true));
        double[] click = LogisticRegression.fit(fitRows, Features.COUNT, examples.fit.labels(false));
        fitRows = null;
        return calibrated(XgboostEngagementTrainer.LINEAR, linear(open, mean, sd), linear(click, mean, sd));
    }

    private static LinearMargin linear(double[] beta, double[] mean, double[] sd) {
        return new LinearMargin(beta[Features.COUNT], java.util.Arrays.copyOf(beta, Features.COUNT), mean, sd);
    }

    private Map<String, Object> common() {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("nthread", threads);
        params.put("seed", 13);
        params.put("verbosity", 0);
        return params;
    }

    private static Map<String, Object> describe(Map<String, Object> params, int rounds) {
        Map<String, Object> shown = new LinkedHashMap<>(new java.util.TreeMap<>(params));
        shown.remove("verbosity");
        shown.put("maxRounds", rounds);
        shown.put("earlyStoppingRounds", XgboostEngagementTrainer.EARLY_STOPPING);
        return shown;
    }

    private record Fitted(byte[] json, int rounds) {}

    /** One target's booster, stopped early on the calibration rows; its JSON and the rounds kept. */
    private Fitted fit(DMatrix fit, DMatrix calibration, Map<String, Object> params, boolean open, int rounds)
            throws XGBoostError {
        fit.setLabel(examples.fit.labelVector(open));
        calibration.setLabel(examples.calibration.labelVector(open));
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("calibration", calibration);
        // rounds one by one rather than XGBoost.train with watches, which prints every round
        Booster booster = XGBoost.train(fit, params, 0, watches, null, null);
        try {
            float[] loss = new float[1];
            double best = Double.POSITIVE_INFINITY;
            int kept = 0;
            for (int round = 0; round < rounds && round - kept < XgboostEngagementTrainer.EARLY_STOPPING; round++) {
                booster.update(fit, round);
                booster.evalSet(new DMatrix[] {calibration}, new String[] {"calibration"}, round, loss);
                if (loss[0] < best) {
                    best = loss[0];
                    kept = round + 1;
                }
            }
            return new Fitted(booster.toByteArray("json"), kept);
        } finally {
            booster.dispose();
        }
    }

    private DMatrix matrix(float[] rows, ExampleTable table) throws XGBoostError {
        DMatrix matrix = new DMatrix(rows, table.size(), Features.COUNT, Float.NaN);
        matrix.setLabel(table.labelVector(true));
        return matrix;
    }

    private TrainedEngagementModel calibrated(String algorithm, Margin open, Margin click) {
        ExampleTable table = examples.calibration;
        int n = table.size();
        double[] openMargins = new double[n];
        double[] clickMargins = new double[n];
        for (int i = 0; i < n; i++) {
            openMargins[i] = open.margin(table.chunk(i), table.offset(i));
            clickMargins[i] = click.margin(table.chunk(i), table.offset(i));
        }
        return new TrainedEngagementModel(
                algorithm,
                stats,
                open,
                Platt.fit(openMargins, table.labels(true)),
                click,
                Platt.fit(clickMargins, table.labels(false)));
    }

    private static void standardise(float[] rows, double[] mean, double[] sd) {
        for (int offset = 0; offset < rows.length; offset += Features.COUNT) {
            LinearMargin.standardise(rows, offset, mean, sd);
        }
    }
}
