package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.PastSend;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.EngagementTrainer.Settings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a small simulated world (1,500 people, about 20 past sends each), in memory. */
class XgboostEngagementTrainerTest {

    static final Settings SETTINGS = new Settings(2000, 100, 0.2, 2, 5_000_000);

    @TempDir
    static Path dir;

    static SimulatedWorld world;
    static Outcome outcome;

    @BeforeAll
    static void train() {
        world = SimulatedWorld.simulate(dir, "people=1500", "oracle.particles=0");
        outcome = new XgboostEngagementTrainer()
                .train(world, world.future(), SETTINGS, null, EngagementTrainer.Progress.NONE);
    }

    @Test
    void trainsOnTheTimeSplitAndReportsTheBaselineOnTheSameValidationSends() {
        assertThat(outcome.trained()).isTrue();
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.model().features()).isEqualTo(Features.NAMES);
        assertThat(outcome.model().algorithm()).isIn(XgboostEngagementTrainer.TREES, XgboostEngagementTrainer.LINEAR);
        // validation starts at the cut-off; training stops 72 h before it
        assertThat(Duration.between(
                        outcome.trainedOn().to(), outcome.validatedOn().from()))
                .isEqualTo(Duration.ofHours(72));
        assertThat(outcome.trainedOn().examples())
                .isGreaterThan(outcome.validatedOn().examples());
        assertThat(outcome.validatedOn().positives()).isPositive();
        assertThat(outcome.metrics().open().rocAuc()).isBetween(0.6, 1.0);
        assertThat(outcome.baseline().open().rocAuc()).isBetween(0.6, 1.0);
        assertThat(outcome.active()).isNull();
        assertThat(outcome.provenance()).containsKeys("library", "candidates", "parameters", "calibration");
    }

    @Test
    void theModelReadBackFromItsBytesPredictsTheSame() {
        byte[] bytes = outcome.model().toBytes();
        EngagementModel read = EngagementModels.read(bytes);
        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(TrainedEngagementModel.MAGIC);
        assertThat(ByteBuffer.wrap(bytes).getInt(4)).isEqualTo(TrainedEngagementModel.VERSION);
        assertThat(read.algorithm()).isEqualTo(outcome.model().algorithm());
        assertThat(read.toBytes()).isEqualTo(bytes);
        List<Instant> week = new ArrayList<>();
        for (int h = 0; h < 168; h++) {
            week.add(world.future().plus(Duration.ofHours(h)));
        }
        for (ContactTimeline timeline : world.timelines().subList(0, 200)) {
            assertThat(read.predict(timeline, week)).isEqualTo(outcome.model().predict(timeline, week));
        }
    }

    @Test
    void corruptBytesAreRefused() {
        byte[] bytes = outcome.model().toBytes();
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        byte[] otherVersion = bytes.clone();
        otherVersion[7] = 9;
        assertThatThrownBy(() -> EngagementModels.read(flipped)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngagementModels.read(java.util.Arrays.copyOf(bytes, bytes.length - 20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngagementModels.read(otherVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> EngagementModels.read("not a model".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngagementModels.read(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void predictionsAreProbabilitiesInTheOrderAsked() {
        ContactTimeline timeline = world.timelines().get(3);
        List<Instant> times = List.of(
                world.future().plus(Duration.ofHours(30)),
                world.future(),
                world.future().plus(Duration.ofHours(5)));
        List<SendProbabilities> answers = outcome.model().predict(timeline, times);
        assertThat(answers).extracting(SendProbabilities::sendTime).containsExactlyElementsOf(times);
        for (SendProbabilities p : answers) {
            assertThat(p.open()).isBetween(0.0, 1.0);
            assertThat(p.click()).isBetween(0.0, 1.0);
            assertThat(outcome.model().predict(timeline, List.of(p.sendTime())).getFirst())
                    .isEqualTo(p);
        }
    }

    @Test
    void theModelNeverLearnsFromAValidationLabel() {
        // every outcome from the end of the training part on is changed: opened becomes not, and back
        Instant from = outcome.trainedOn().to();
        List<ContactTimeline> changed = new ArrayList<>();
        for (ContactTimeline t : world.timelines()) {
            List<PastSend> sends = new ArrayList<>();
            for (PastSend s : t.sends()) {
                boolean late = !s.sentAt().isBefore(from);
                Instant opened = late ? (s.openedAt() == null ? s.sentAt().plusSeconds(3600) : null) : s.openedAt();
                Instant clicked = late ? (s.clickedAt() == null ? opened : null) : s.clickedAt();
                sends.add(new PastSend(
                        s.sentAt(),
                        opened,
                        clicked,
                        opened == null ? 0 : 1,
                        clicked == null ? 0 : 1,
                        s.unsubscribedAt(),
                        s.bouncedAt(),
                        s.complainedAt(),
                        s.imported()));
            }
            changed.add(new ContactTimeline(
                    t.contactId(), t.email(), t.timeZone(), t.joinedAt(), t.contests(), List.copyOf(sends)));
        }
        SimulatedWorld other = new SimulatedWorld(changed, world.future(), world.trueOpen());

        Outcome again = new XgboostEngagementTrainer()
                .train(other, world.future(), SETTINGS, null, EngagementTrainer.Progress.NONE);

        assertThat(again.validatedOn().positives())
                .isNotEqualTo(outcome.validatedOn().positives());
        assertThat(again.trainedOn()).isEqualTo(outcome.trainedOn());
        assertThat(again.model().toBytes()).isEqualTo(outcome.model().toBytes());
    }

    @Test
    void belowTheMinimumDataNoModelIsTrainedAndTheReasonSaysWhy() {
        SimulatedWorld few = new SimulatedWorld(world.timelines().subList(0, 40), world.future(), world.trueOpen());

        Outcome none = new XgboostEngagementTrainer()
                .train(few, world.future(), SETTINGS, null, EngagementTrainer.Progress.NONE);

        assertThat(none.trained()).isFalse();
        assertThat(none.model()).isNull();
        assertThat(none.features()).isEmpty();
        assertThat(none.reason())
                .matches("[0-9,]+ sends with [0-9,]+ opens; training needs 2,000 sends with 100 opens;"
                        + " predictions stay on the baseline");
        assertThat(none.trainedOn().examples()).isLessThan(2000);
    }

    @Test
    void anActiveModelIsMeasuredOnTheSameValidationSends() {
        Outcome withActive = new XgboostEngagementTrainer()
                .train(world, world.future(), SETTINGS, outcome.model(), EngagementTrainer.Progress.NONE);

        // the same model as active: the same data gives the same metrics
        assertThat(withActive.active()).isNotNull();
        assertThat(withActive.active().open().logLoss())
                .isCloseTo(withActive.metrics().open().logLoss(), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aboveMaxExamplesASampleOfContactsIsLearntFromOverTheWholeRange() {
        long all = outcome.trainedOn().examples() + outcome.validatedOn().examples();
        Settings third = new Settings(2000, 100, 0.2, 2, all / 3);

        Outcome sampled = new XgboostEngagementTrainer()
                .train(world, world.future(), third, null, EngagementTrainer.Progress.NONE);

        assertThat(sampled.trained()).isTrue();
        // the same time range (every campaign), about a third of the sends
        assertThat(sampled.trainedOn().from()).isEqualTo(outcome.trainedOn().from());
        assertThat(sampled.validatedOn().to()).isEqualTo(outcome.validatedOn().to());
        long used = sampled.trainedOn().examples() + sampled.validatedOn().examples();
        assertThat(used).isBetween(all / 4, all * 5 / 12);
        assertThat(sampled.trainedOn().positives())
                .isLessThan(outcome.trainedOn().positives());
        assertThat(sampled.provenance().get("sample").toString()).startsWith("0.3");
        // repeatable: the same contacts again
        Outcome again = new XgboostEngagementTrainer()
                .train(world, world.future(), third, null, EngagementTrainer.Progress.NONE);
        assertThat(again.trainedOn()).isEqualTo(sampled.trainedOn());
        assertThat(again.model().toBytes()).isEqualTo(sampled.model().toBytes());
    }
}
