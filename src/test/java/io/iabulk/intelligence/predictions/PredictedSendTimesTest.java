package io.iabulk.intelligence.predictions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of a recipient's hour: its own profile shrunk towards its group's. */
class PredictedSendTimesTest {

    private static final Instant WEEK = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void aClearPersonalPeakWinsOverTheGroupsAndAFlatProfileTakesTheGroupsHour() {
        List<Instant> hours = PredictedSendTimes.hours(WEEK.plus(Duration.ofMinutes(30)), 24);
        assertThat(hours).hasSize(25).first().isEqualTo(WEEK);
        double[] group = flat(0.2);
        group[9] = 0.3; // people like them read at 09:00
        HourProfile peaked = profile(0.1, 20, 0.5);
        HourProfile flat = profile(0.1, 20, 0.11);

        assertThat(PredictedSendTimes.argmax(hours, group, WEEK, peaked, WEEK, 0.5))
                .isEqualTo(WEEK.plus(Duration.ofHours(20)));
        assertThat(PredictedSendTimes.argmax(hours, group, WEEK, flat, WEEK, 0.5))
                .as("too little of a personal signal: the group's hour")
                .isEqualTo(WEEK.plus(Duration.ofHours(9)));
        assertThat(PredictedSendTimes.argmax(hours, group, WEEK, peaked, WEEK, 1.0))
                .isEqualTo(WEEK.plus(Duration.ofHours(9)));
        assertThat(PredictedSendTimes.argmax(hours, group, WEEK, null, null, 1.0))
                .as("no profile: the group's hour")
                .isEqualTo(WEEK.plus(Duration.ofHours(9)));
    }

    @Test
    void aProfileStoredAnotherWeekIsReadByTheHourOfTheWeek() {
        HourProfile peaked = profile(0.1, 20, 0.5); // stored for the week before
        List<Instant> hours = PredictedSendTimes.hours(WEEK.plus(Duration.ofDays(7)), 24);
        assertThat(PredictedSendTimes.argmax(hours, flat(0.2), WEEK, peaked, WEEK.minus(Duration.ofDays(7)), 0.5))
                .isEqualTo(WEEK.plus(Duration.ofDays(7)).plus(Duration.ofHours(20)));
    }

    private static double[] flat(double p) {
        double[] open = new double[HourProfile.HOURS];
        Arrays.fill(open, p);
        return open;
    }

    private static HourProfile profile(double base, int peakSlot, double peak) {
        double[] open = flat(base);
        open[peakSlot] = peak;
        return HourProfile.of(open, flat(base / 10));
    }
}
