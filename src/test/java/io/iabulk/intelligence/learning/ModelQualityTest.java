package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trained model against the baseline on simulated worlds of 3,000 people with about 20 past
 * sends each: the default parameters and a second, different world (faster and stronger drift,
 * stronger personal hours, lower engagement), so that the model is not tuned to one. The thresholds
 * are what the model reaches on both, below the targets for P(open) (docs/decisions/0019,
 * "Measured", says where it falls short); P(open) of a send to everyone at the same time is measured
 * against the simulator's true probabilities.
 */
class ModelQualityTest {

    @TempDir
    Path dir;

    @Test
    void beatsTheBaselineOnTheDefaultWorld() {
        ModelQuality.Result result = check(SimulatedWorld.simulate(dir, "people=3000", "oracle.particles=0"));
        assertThat(result.expectedAuc()).isGreaterThanOrEqualTo(0.90 * result.bayesAuc());
    }

    @Test
    void beatsTheBaselineOnAnotherWorld() {
        ModelQuality.Result result = check(SimulatedWorld.simulate(
                dir,
                "people=3000",
                "oracle.particles=0",
                "seed=4242",
                "engagement.driftSd=1.0",
                "engagement.driftDays=40",
                "hours.amplitudeMin=0.4",
                "hours.amplitudeMax=1.8",
                "engagement.levelMean=-2.0"));
        assertThat(result.expectedAuc()).isGreaterThanOrEqualTo(0.85 * result.bayesAuc());
    }

    private static ModelQuality.Result check(SimulatedWorld world) {
        ModelQuality.Result result = ModelQuality.measure(world);
        Outcome outcome = result.outcome();
        System.out.print(result.text());

        assertThat(outcome.trained()).isTrue();
        // clicks: the model is clearly better (it learns click-given-open per person)
        assertThat(outcome.metrics().click().rocAuc())
                .isGreaterThanOrEqualTo(outcome.baseline().click().rocAuc() + 0.02);
        // opens on the hold-out: about the baseline's ranking, no worse than 0.01
        assertThat(outcome.metrics().open().rocAuc())
                .isGreaterThanOrEqualTo(outcome.baseline().open().rocAuc() - 0.01);
        // calibrated on the whole training part (18 to 21 campaigns), the hold-out is off by its own
        // campaigns' appeal only
        assertThat(outcome.metrics().open().ece()).isLessThanOrEqualTo(0.03);
        // a future send to everyone at once: the expected AUC against the truth is about the
        // baseline's (no worse than 0.01). Its calibration is looser than the hold-out's: the send
        // comes two weeks after the last campaign, and the send-count features (sends.decayed*,
        // recency.daysSinceSend) move the mean P(open) by about ±10 % over such a gap, in either
        // direction (docs/decisions/0019, "Calibration"): 0.023 on both worlds here
        assertThat(result.expectedAuc()).isGreaterThanOrEqualTo(result.baselineExpectedAuc() - 0.01);
        assertThat(result.expectedEce()).isLessThanOrEqualTo(0.025);
        return result;
    }
}
