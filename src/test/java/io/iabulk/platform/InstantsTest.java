package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantsTest {

    @Test
    void readsInstantsOffsetsAndDatesAsUtc() {
        assertThat(Instants.parse("at", "2026-11-27T08:00:00Z")).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Instants.parse("at", "2026-11-27T09:00:00+01:00")).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(Instants.parse("at", " 2026-11-27 ")).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void acceptsTheEpochToTheEndOfYear9999AndNothingElse() {
        assertThat(Instants.parse("at", "1970-01-01T00:00:00Z")).isEqualTo(Instants.MIN);
        assertThat(Instants.parse("at", "9999-12-31T23:59:59.999999Z")).isEqualTo(Instants.MAX);
        assertThat(Instants.inRange(null)).isTrue();
        assertThat(Instants.inRange(Instants.MIN.minusNanos(1))).isFalse();
        assertThat(Instants.inRange(Instants.MAX.plusNanos(1))).isFalse();
        for (String far : new String[] {
            "+300000-01-01T00:00:00Z",
            "-290000-01-01T00:00:00Z",
            "+1000000000-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z"
        }) {
            assertThatThrownBy(() -> Instants.parse("from", far))
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.errors())
                                    .containsExactly(
                                            new InvalidRequestException.FieldError("from", Instants.RANGE_MESSAGE)));
        }
    }

    @Test
    void anUnreadableTimeSaysWhatIsExpected() {
        assertThatThrownBy(() -> Instants.parse("to", "yesterday"))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().getFirst().message()).isEqualTo(Instants.FORMAT_MESSAGE));
    }

    @Test
    void unixSecondsOutsideTheRangeAreNoInstant() {
        assertThat(Instants.ofEpochSecondOrNull(1_764_122_400L)).isEqualTo(Instant.ofEpochSecond(1_764_122_400L));
        assertThat(Instants.ofEpochSecondOrNull(Long.MAX_VALUE)).isNull();
        assertThat(Instants.ofEpochSecondOrNull(-1)).isNull();
    }
}
