package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {

    @Test
    void javaScoringAgreesWithNativeXgboost() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int n = 4000;
        int width = Features.COUNT;
        float[] rows = new float[n * width];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            double z = -1;
            for (int j = 0; j < width; j++) {
                // a few repeated values (thresholds fall on them) and some missing ones
                float x = j % 3 == 0 ? random.nextInt(5) : (float) random.nextGaussian();
                rows[i * width + j] = random.nextDouble() < 0.05 ? Float.NaN : x;
                z += Float.isNaN(rows[i * width + j]) ? 0.3 : 0.4 * Math.sin(j + x);
            }
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        DMatrix matrix = new DMatrix(rows, n, width, Float.NaN);
        matrix.setLabel(labels);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.1);
        params.put("nthread", 1);
        params.put("verbosity", 0);
        Booster booster = XGBoost.train(matrix, params, 60, new HashMap<>(), null, null);
        try {
            TreeEnsemble trees = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"), 60);
            float[][] nativeMargins = booster.predict(matrix, true);
            assertThat(trees.trees()).isEqualTo(60);
            for (int i = 0; i < n; i++) {
                assertThat(trees.margin(rows, i * width)).isCloseTo(nativeMargins[i][0], within(1e-5));
            }
            // specialised to one row's contact-level features, the trees give the same margin on
            // rows that differ only in the send-time features
            Margin.Specialised reused = null;
            for (int i = 0; i + 1 < n; i += 2) {
                Margin.Specialised specialised = trees.specialise(rows, i * width, Features.HOUR_FEATURES);
                // written into the previous row's residual (as predict does day after day): the same
                reused = trees.specialise(rows, i * width, Features.HOUR_FEATURES, reused);
                assertThat(reused.margin(rows, i * width)).isEqualTo(specialised.margin(rows, i * width));
                float[] other = java.util.Arrays.copyOfRange(rows, i * width, (i + 1) * width);
                System.arraycopy(rows, (i + 1) * width, other, 0, Features.HOUR_FEATURES);
                assertThat(specialised.margin(other, 0)).isCloseTo(trees.margin(other, 0), within(1e-9));
                assertThat(specialised.margin(rows, i * width)).isCloseTo(trees.margin(rows, i * width), within(1e-9));
            }
            // the first 20 trees only: what early stopping keeps
            TreeEnsemble first = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"), 20);
            float[][] nativeFirst = booster.predict(matrix, true, 20);
            for (int i = 0; i < n; i += 7) {
                assertThat(first.margin(rows, i * width)).isCloseTo(nativeFirst[i][0], within(1e-5));
            }
        } finally {
            booster.dispose();
            matrix.dispose();
        }
    }
}
