package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.intelligence.learning.EngagementTrainer.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The calibration of both candidates is anchored on the whole training part, not on its last
 * quarter alone: when the last quarter's campaigns happened to be opened less (a campaign's own
 * appeal, which no feature predicts), the model's mean P(open) over the training part still
 * matches what was observed there.
 */
class CandidatesTest {

    @Test
    void bothCandidatesAreCalibratedOnTheWholeTrainingPart() throws Exception {
        Random random = new Random(11);
        XgboostEngagementTrainer.Split split = new XgboostEngagementTrainer.Split(0, 100, 90, 80, 60, 1);
        XgboostEngagementTrainer.Examples examples = new XgboostEngagementTrainer.Examples(split, stats(), null, null);
        List<float[]> rows = new ArrayList<>();
        List<Boolean> opened = new ArrayList<>();
        // fitting rows: P(open) = sigmoid(x − 1.5); the last quarter: a weaker campaign, sigmoid(x − 2.4)
        add(examples.fit, 20_000, -1.5, random, rows, opened);
        add(examples.calibration, 6_000, -2.4, random, rows, opened);
        Candidates candidates = new Candidates(examples, stats(), 1, Progress.NONE);
        TrainedEngagementModel trees = candidates.trees();
        TrainedEngagementModel linear = candidates.linear();

        double observed = opened.stream().filter(o -> o).count() / (double) opened.size();
        double observedLastQuarter =
                opened.subList(20_000, opened.size()).stream().filter(o -> o).count() / 6_000.0;
        assertThat(observed - observedLastQuarter).isGreaterThan(0.05);
        for (TrainedEngagementModel model : List.of(trees, linear)) {
            double predicted = 0;
            for (float[] row : rows) {
                predicted += model.openProbability(row, 0);
            }
            assertThat(predicted / rows.size()).as(model.algorithm()).isCloseTo(observed, within(0.004));
        }
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }

    private static void add(
            ExampleTable table, int n, double shift, Random random, List<float[]> rows, List<Boolean> opened) {
        for (int i = 0; i < n; i++) {
            float[] chunk = table.next();
            int offset = table.offset();
            float[] row = new float[Features.COUNT];
            row[0] = (float) random.nextGaussian();
            row[1] = (float) random.nextGaussian();
            System.arraycopy(row, 0, chunk, offset, Features.COUNT);
            boolean open = random.nextDouble() < 1 / (1 + Math.exp(-(row[0] + 0.5 * row[1] + shift)));
            table.label(i, open, open && random.nextBoolean());
            rows.add(row);
            opened.add(open);
        }
    }

    private static PopulationStats stats() {
        double[] hours = new double[24];
        Arrays.fill(hours, 1 / 24.0);
        double[] days = new double[7];
        Arrays.fill(days, 1 / 7.0);
        return new PopulationStats(0.2, 0.05, hours, days);
    }
}
