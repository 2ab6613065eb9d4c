package io.iabulk.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.SendTimePlanner;
import io.iabulk.delivery.SendTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** How a planned hour becomes a send time: inside the window, spread evenly over the hour. */
class SendTimePlansTest {

    private static final Instant START = Instant.parse("2026-12-07T09:17:30Z");

    @Test
    void spreadsAMillionRecipientsOfOneHourEvenlyOverItsMinutes() {
        Instant hour = Instant.parse("2026-12-07T13:00:00Z");
        long[] perMinute = new long[60];
        for (long id = 1; id <= 1_000_000; id++) {
            Instant at = SendTimePlans.within(hour, id, START, START.plus(Duration.ofHours(24)));
            assertThat(at).isAfterOrEqualTo(hour).isBefore(hour.plus(Duration.ofHours(1)));
            perMinute[(int) (Duration.between(hour, at).toSeconds() / 60)]++;
        }
        long min = Arrays.stream(perMinute).min().orElseThrow();
        long max = Arrays.stream(perMinute).max().orElseThrow();
        assertThat(min).as("every minute gets its share").isGreaterThan(16_000);
        assertThat(max).as("no minute gets a spike").isLessThan(17_400);
    }

    @Test
    void keepsTheFirstAndLastHoursToTheirPartInsideTheWindow() {
        Instant end = START.plus(Duration.ofHours(2));
        for (long id = 1; id <= 1000; id++) {
            assertThat(SendTimePlans.within(Instant.parse("2026-12-07T09:00:00Z"), id, START, end))
                    .isAfterOrEqualTo(START)
                    .isBefore(Instant.parse("2026-12-07T10:00:00Z"));
            assertThat(SendTimePlans.within(Instant.parse("2026-12-07T11:00:00Z"), id, START, end))
                    .isAfterOrEqualTo(Instant.parse("2026-12-07T11:00:00Z"))
                    .isBefore(end);
        }
        assertThat(SendTimePlans.within(Instant.parse("2026-12-08T11:00:00Z"), 5, START, end))
                .as("an hour outside the window")
                .isEqualTo(START);
        assertThat(SendTimePlans.within(null, 5, START, end))
                .as("no hour: at once")
                .isEqualTo(START);
    }

    @Test
    void sendsEveryoneAtTheStartWithoutAPlannerAndTheSameTimesTwice() {
        SendTimes none = new SendTimePlans(new DefaultListableBeanFactory().getBeanProvider(SendTimePlanner.class))
                .times(START, 24);
        assertThat(none.of(new long[] {1, 2, 3})).containsOnly(START);

        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        SendTimePlanner planner = (ids, start, hours) -> {
            Instant[] best = new Instant[ids.length];
            Arrays.fill(best, Instant.parse("2026-12-07T20:00:00Z"));
            return best;
        };
        beans.registerSingleton("planner", planner);
        SendTimes planned = new SendTimePlans(beans.getBeanProvider(SendTimePlanner.class)).times(START, 24);
        Instant[] first = planned.of(new long[] {10, 11, 12});
        assertThat(first)
                .allSatisfy(at -> assertThat(at)
                        .isAfterOrEqualTo(Instant.parse("2026-12-07T20:00:00Z"))
                        .isBefore(Instant.parse("2026-12-07T21:00:00Z")));
        assertThat(planned.of(new long[] {10, 11, 12}))
                .as("a chunk planned again")
                .containsExactly(first);
    }
}
