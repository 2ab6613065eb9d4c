package io.iabulk.intelligence.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stored week: its slots, its encoding, its best hours; the score floors and the tiers. */
class HourProfileTest {

    private static final Instant COMPUTED = Instant.parse("2026-12-07T10:20:00Z"); // a Monday

    @Test
    void slotsAreTheHoursOfTheWeekFromTheHourOfTheRun() {
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-07T10:00:00Z")))
                .isZero();
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-07T10:59:59Z")))
                .isZero();
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-07T11:00:00Z")))
                .isEqualTo(1);
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-14T09:59:59Z")))
                .isEqualTo(167);
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-14T10:00:00Z")))
                .isEqualTo(-1);
        assertThat(HourProfile.slot(COMPUTED, Instant.parse("2026-12-07T09:59:59Z")))
                .isEqualTo(-1);
        assertThat(HourProfile.sendTimes(COMPUTED))
                .hasSize(168)
                .startsWith(Instant.parse("2026-12-07T10:30:00Z"), Instant.parse("2026-12-07T11:30:00Z"));
    }

    @Test
    void probabilitiesSurviveStorageToFiveDecimalsAndTheBestHoursAreLocal() {
        double[] open = new double[168];
        double[] click = new double[168];
        Arrays.fill(open, 0.1);
        Arrays.fill(click, 0.01);
        open[5] = 0.4; // 15:30 UTC = 16:30 in Paris, Monday
        open[30] = 0.4; // a day later: a tie goes to the earlier hour
        open[100] = 0.35;
        open[7] = 0.123456;
        click[7] = 1.0;

        HourProfile profile = HourProfile.decode(HourProfile.of(open, click).bytes());

        assertThat(profile.bytes()).hasSize(672);
        assertThat(profile.open(7)).isCloseTo(0.123456, within(1e-5));
        assertThat(profile.click(7)).isEqualTo(1.0);
        assertThat(profile.best(COMPUTED, ZoneId.of("Europe/Paris"), 3))
                .containsExactly(
                        new BestHour(DayOfWeek.MONDAY, 16, 0.4),
                        new BestHour(DayOfWeek.TUESDAY, 17, 0.4),
                        new BestHour(DayOfWeek.FRIDAY, 15, 0.35));
    }

    @Test
    void scoresOutsideARunAreRankedAgainstItsFloorsAndTiersFollowScoresAndSilence() {
        double[] floors = new double[101];
        Arrays.fill(floors, Double.NaN);
        floors[0] = 0.05;
        floors[50] = 0.2;
        floors[90] = 0.6;
        ScoreFloors run = ScoreFloors.decode(new ScoreFloors(floors).encode());

        assertThat(run.score(0.01)).isZero();
        assertThat(run.score(0.2)).isEqualTo(50);
        assertThat(run.score(0.59)).isEqualTo(50);
        assertThat(run.score(0.9)).isEqualTo(90);
        assertThat(ScoreFloors.NONE.score(0.5)).isNull();
        assertThat(Tier.of(80, true)).isEqualTo(Tier.HIGH);
        assertThat(Tier.of(79, true)).isEqualTo(Tier.MEDIUM);
        assertThat(Tier.of(39, false)).isEqualTo(Tier.LOW);
        assertThat(Tier.of(39, true)).isEqualTo(Tier.DORMANT);
        assertThat(Duration.ofHours(168)).isEqualTo(HourProfile.SLOT.multipliedBy(HourProfile.HOURS));
    }
}
