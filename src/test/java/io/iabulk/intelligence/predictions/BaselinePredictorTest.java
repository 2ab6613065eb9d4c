package io.iabulk.intelligence.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.PastSend;
import io.iabulk.intelligence.predictions.BaselinePredictor.Population;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline's rules: what a send at t may know, decay, shrinkage, and the population's hours. */
class BaselinePredictorTest {

    private static final Instant T = Instant.parse("2026-12-01T12:00:00Z");
    private static final Population FLAT = new Population.Accumulator(T).build(); // the prior: 20 % opens

    private final BaselinePredictor baseline = new BaselinePredictor(() -> FLAT);

    @Test
    void aContactWithoutHistoryGetsThePopulationRates() {
        SendProbabilities p = baseline.predict(timeline(List.of()), List.of(T)).getFirst();

        assertThat(p.open()).isCloseTo(0.2, within(1e-9));
        assertThat(p.click()).isCloseTo(0.03, within(1e-9));
        assertThat(baseline.modelId()).isNull();
        assertThat(baseline.source()).isEqualTo("baseline");
    }

    @Test
    void anOpenCountsFromTheMomentItHappenedNotFromTheSend() {
        Instant sent = T.minus(Duration.ofDays(1));
        Instant opened = T.plus(Duration.ofDays(1)); // within 72 h of the send, after T
        ContactTimeline timeline = timeline(List.of(send(sent, opened, null)));

        List<SendProbabilities> p =
                baseline.predict(timeline, List.of(T, opened, opened.plusNanos(1000), T.minus(Duration.ofDays(2))));

        // at T the send's outcome is unknown (younger than 72 h, not opened yet): it does not count
        assertThat(p.get(0).open()).isCloseTo(0.2, within(1e-9));
        assertThat(p.get(1).open()).isCloseTo(0.2, within(1e-9)); // at the open itself: not before it
        assertThat(p.get(2).open()).isGreaterThan(0.3); // just after: one open in one send
        assertThat(p.get(3).open()).isCloseTo(0.2, within(1e-9)); // before the send: nothing
        assertThat(p.stream().map(SendProbabilities::sendTime))
                .containsExactly(T, opened, opened.plusNanos(1000), T.minus(Duration.ofDays(2)));
    }

    @Test
    void aSendWithoutAnOpenCountsAsAMissOnce72HoursHavePassed() {
        Instant sent = T.minus(Duration.ofHours(72));
        ContactTimeline timeline = timeline(List.of(send(sent, null, null)));

        List<SendProbabilities> p = baseline.predict(timeline, List.of(T.minusSeconds(1), T));

        assertThat(p.get(0).open()).isCloseTo(0.2, within(1e-9));
        double weight = Math.pow(0.5, 3.0 / 60); // three days old
        assertThat(p.get(1).open()).isCloseTo(5 * 0.2 / (weight + 5), within(1e-9)); // (0 + 5 × 0.2) / (w + 5)
    }

    @Test
    void anOpenLaterThan72HoursIsNotAnOpenOfThatSend() {
        Instant sent = T.minus(Duration.ofDays(10));
        ContactTimeline timeline = timeline(List.of(send(sent, sent.plus(Duration.ofDays(4)), null)));

        assertThat(baseline.predict(timeline, List.of(T)).getFirst().open()).isLessThan(0.2);
    }

    @Test
    void oldSendsWeighHalfAfterSixtyDaysAndTheRateShrinksTowardsThePopulation() {
        List<PastSend> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Instant sent = T.minus(Duration.ofDays(60)).minusSeconds(i);
            sends.add(send(sent, sent.plusSeconds(60), null));
        }
        double p = baseline.predict(timeline(sends), List.of(T)).getFirst().open();

        // 10 opened sends of weight ~0.5: (5 + 5 × 0.2) / (5 + 5)
        assertThat(p).isCloseTo(0.6, within(1e-4));
        double later = baseline.predict(timeline(sends), List.of(T.plus(Duration.ofDays(60))))
                .getFirst()
                .open();
        assertThat(later).isCloseTo((2.5 + 1) / (2.5 + 5), within(1e-4));
    }

    @Test
    void aFewUnopenedSendsOfANewInstallDoNotTakeEveryonesProbabilityToNothing() {
        Population.Accumulator learning = new Population.Accumulator(T);
        List<PastSend> sends = new ArrayList<>();
        for (int d = 4; d < 7; d++) {
            sends.add(send(T.minus(Duration.ofDays(d)), null, null));
        }
        learning.add(timeline(sends));
        Population population = learning.build();

        assertThat(population.open()).isCloseTo(100 * 0.2 / 103, within(1e-9));
        assertThat(new BaselinePredictor(() -> population)
                        .predict(timeline(List.of()), List.of(T))
                        .getFirst()
                        .open())
                .isGreaterThan(0.15);
    }

    @Test
    void thePopulationsHoursMultiplyTheOddsInTheContactsZone() {
        Population.Accumulator learning = new Population.Accumulator(T);
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        List<PastSend> sends = new ArrayList<>();
        for (int d = 4; d < 404; d++) {
            Instant nine = T.minus(Duration.ofDays(d)).atZone(tokyo).withHour(9).toInstant();
            Instant three = nine.minus(Duration.ofHours(6));
            sends.add(send(nine, nine.plusSeconds(600), null));
            sends.add(send(three, null, null));
        }
        learning.add(new ContactTimeline(1, "a@x.test", tokyo, T, ContactTimeline.ContestFacts.NONE, sends));
        Population population = learning.build();
        double open = (400 + 100 * 0.2) / (800 + 100.0); // half opened, shrunk towards the prior by 100 sends
        assertThat(population.open()).isCloseTo(open, within(1e-9));
        assertThat(Population.decode(population.encode()).hourOddsRatio(9))
                .isCloseTo(population.hourOddsRatio(9), within(1e-4));
        BaselinePredictor learned = new BaselinePredictor(() -> population);

        Instant nineInTokyo = Instant.parse("2026-12-02T00:30:00Z");
        ContactTimeline stranger = timeline(List.of());
        double atNine =
                learned.predict(stranger, List.of(nineInTokyo)).getFirst().open();
        double atNineForTokyo = learned.predict(
                        new ContactTimeline(2, "b@x.test", tokyo, T, ContactTimeline.ContestFacts.NONE, List.of()),
                        List.of(nineInTokyo))
                .getFirst()
                .open();

        assertThat(atNineForTokyo).isGreaterThan(0.6); // 09:30 in Tokyo
        assertThat(atNine).isCloseTo(open, within(1e-9)); // 00:30 in UTC: an hour nobody was mailed at
    }

    private static ContactTimeline timeline(List<PastSend> sends) {
        return new ContactTimeline(
                1,
                "a@x.test",
                ZoneId.of("UTC"),
                T.minus(Duration.ofDays(500)),
                ContactTimeline.ContestFacts.NONE,
                sends);
    }

    private static PastSend send(Instant sent, Instant opened, Instant clicked) {
        return new PastSend(
                sent, opened, clicked, opened == null ? 0 : 1, clicked == null ? 0 : 1, null, null, null, true);
    }
}
