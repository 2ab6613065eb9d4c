package io.iabulk.intelligence.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of a recipient's hour: the model's profile and the person's opens, shrunk towards the group's hours. */
class PredictedSendTimesTest {

    private static final Instant DAY = Instant.parse("2026-12-07T00:00:00Z"); // a Monday
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final SendTimeProperties DEFAULTS = new SendTimeProperties(1, 1, 2, 0.05, 100);

    @Test
    void aPersonWithoutOpensGetsTheHourOfPeopleLikeThemAndOneWithManyTheirOwn() {
        List<Instant> hours = PredictedSendTimes.hours(DAY, 24);
        double[] prior = prior(9); // people like them open around 09:00 Paris time
        HourProfile flat = profile(0.2, -1, 0.2);

        assertThat(local(PredictedSendTimes.argmax(hours, prior, PARIS, PARIS, List.of(), flat, DAY, DEFAULTS)))
                .as("no opens: the group's hour")
                .isEqualTo(9);
        assertThat(local(PredictedSendTimes.argmax(hours, prior, PARIS, PARIS, opensAt(20, 1), flat, DAY, DEFAULTS)))
                .as("one open at 20:00 does not outweigh the group")
                .isEqualTo(9);
        assertThat(local(PredictedSendTimes.argmax(hours, prior, PARIS, PARIS, opensAt(20, 6), flat, DAY, DEFAULTS)))
                .as("six opens around 20:00 do")
                .isEqualTo(20);
    }

    @Test
    void theModelsProfileCountsAndAContactWithoutOneHasThePriorAndItsOpens() {
        List<Instant> hours = PredictedSendTimes.hours(DAY.plus(Duration.ofMinutes(30)), 24);
        assertThat(hours).hasSize(25).first().isEqualTo(DAY);
        double[] flatPrior = new double[24];
        Arrays.fill(flatPrior, 1.0 / 24);
        HourProfile peaked = profile(0.1, 14, 0.6); // the model: 14:00 UTC
        assertThat(PredictedSendTimes.argmax(
                        hours, flatPrior, ZoneOffset.UTC, ZoneOffset.UTC, List.of(), peaked, DAY, DEFAULTS))
                .isEqualTo(DAY.plus(Duration.ofHours(14)));
        assertThat(PredictedSendTimes.argmax(
                        hours, prior(7), ZoneOffset.UTC, ZoneOffset.UTC, List.of(), null, null, DEFAULTS))
                .isEqualTo(DAY.plus(Duration.ofHours(7)));
        HourProfile lastWeek = profile(0.1, 14, 0.6);
        assertThat(PredictedSendTimes.argmax(
                        PredictedSendTimes.hours(DAY.plus(Duration.ofDays(7)), 24),
                        flatPrior,
                        ZoneOffset.UTC,
                        ZoneOffset.UTC,
                        List.of(),
                        lastWeek,
                        DAY,
                        DEFAULTS))
                .as("a profile stored another week is read by the hour of the week")
                .isEqualTo(DAY.plus(Duration.ofDays(7)).plus(Duration.ofHours(14)));
    }

    @Test
    void smoothedPriorsAreDistributionsWithNoImpossibleHour() {
        double[] bins = new double[24];
        bins[9] = 50;
        double[] prior = SendTimeGroups.smooth(bins, 2);
        assertThat(Arrays.stream(prior).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(prior[9]).isGreaterThan(prior[8]).isGreaterThan(prior[3]);
        assertThat(prior[21]).isPositive();
    }

    private static int local(Instant hourStart) {
        return hourStart.plus(Duration.ofMinutes(30)).atZone(PARIS).getHour();
    }

    private static double[] prior(int hour) {
        double[] bins = new double[24];
        bins[hour] = 200;
        return SendTimeGroups.smooth(bins, 2);
    }

    private static List<Instant> opensAt(int parisHour, int n) {
        List<Instant> opens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opens.add(DAY.minus(Duration.ofDays(7 * (i + 1)))
                    .atZone(PARIS)
                    .withHour(parisHour)
                    .withMinute(10 * i % 50)
                    .toInstant());
        }
        return opens;
    }

    private static HourProfile profile(double base, int peakSlot, double peak) {
        double[] open = new double[HourProfile.HOURS];
        Arrays.fill(open, base);
        if (peakSlot >= 0) {
            open[peakSlot] = peak;
        }
        double[] click = new double[HourProfile.HOURS];
        Arrays.fill(click, base / 10);
        return HourProfile.of(open, click);
    }
}
