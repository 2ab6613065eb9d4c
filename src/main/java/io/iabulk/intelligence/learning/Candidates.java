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
 * Fits the two candidate algorithms for both targets on the fitting rows, stopping the trees early
 * on the calibration rows, and calibrates each on the whole training part: the fitting rows' own
 * (in-sample) margins and the calibration rows' held-out ones (docs/decisions/0019, "Calibration").
 * The fitting rows are copied once into one array for XGBoost and their chunks dropped; the trees
 * fit on that copy, then it is standardised in place for the logistic regression.
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
            return calibrated(
                    XgboostEngagementTrainer.TREES,
                    openTrees,
                    clickTrees,
                    fitMargins(openTrees::margin),
                    fitMargins(clickTrees::margin));
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
        // the rows are standardised now: the weights apply to them as they are
        double[] openFit = fitMargins((rows, offset) -> standardisedMargin(open, rows, offset));
        double[] clickFit = fitMargins((rows, offset) -> standardisedMargin(click, rows, offset));
        fitRows = null;
        return calibrated(
                XgboostEngagementTrainer.LINEAR, linear(open, mean, sd), linear(click, mean, sd), openFit, clickFit);
    }

    private static double standardisedMargin(double[] beta, float[] rows, int offset) {
        double sum = beta[Features.COUNT];
        for (int j = 0; j < Features.COUNT; j++) {
            sum += beta[j] * rows[offset + j];
        }
        return sum;
    }

    private interface RowMargin {
        double margin(float[] rows, int offset);
    }

    /** A margin of every fitting row, while {@link #fitRows} holds them. */
    private double[] fitMargins(RowMargin margin) {
        double[] margins = new double[examples.fit.size()];
        for (int i = 0; i < margins.length; i++) {
            margins[i] = margin.margin(fitRows, i * Features.COUNT);
        }
        return margins;
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

    /**
     * Platt scaling on every training example: the fitting rows' margins (given, computed while the
     * rows were there) followed by the calibration rows'. Each past campaign has its own appeal,
     * which no feature predicts; the intercept learnt from the last quarter alone (five or six
     * campaigns) carries their mean appeal into every later prediction, the whole training part
     * averages it over three or four times as many.
     */
    private TrainedEngagementModel calibrated(
            String algorithm, Margin open, Margin click, double[] openFit, double[] clickFit) {
        ExampleTable table = examples.calibration;
        int fitted = openFit.length;
        int n = fitted + table.size();
        double[] openMargins = java.util.Arrays.copyOf(openFit, n);
        double[] clickMargins = java.util.Arrays.copyOf(clickFit, n);
        for (int i = 0; i < table.size(); i++) {
            openMargins[fitted + i] = open.margin(table.chunk(i), table.offset(i));
            clickMargins[fitted + i] = click.margin(table.chunk(i), table.offset(i));
        }
        return new TrainedEngagementModel(
                algorithm,
                stats,
                open,
                Platt.fit(openMargins, labels(true)),
                click,
                Platt.fit(clickMargins, labels(false)));
    }

    /** The labels of the fitting rows, then the calibration rows'. */
    private boolean[] labels(boolean open) {
        boolean[] fit = examples.fit.labels(open);
        boolean[] calibration = examples.calibration.labels(open);
        boolean[] all = java.util.Arrays.copyOf(fit, fit.length + calibration.length);
        System.arraycopy(calibration, 0, all, fit.length, calibration.length);
        return all;
    }

    private static void standardise(float[] rows, double[] mean, double[] sd) {
        for (int offset = 0; offset < rows.length; offset += Features.COUNT) {
            LinearMargin.standardise(rows, offset, mean, sd);
        }
    }
}
