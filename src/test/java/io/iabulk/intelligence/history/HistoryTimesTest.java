package io.iabulk.intelligence.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The times and counts a history line may carry: ISO-8601 and whole numbers, and the shapes
 * databases and data frames export them in.
 */
class HistoryTimesTest {

    @Test
    void countsAreWholeNumbersAlsoWrittenWithAZeroFraction() {
        assertThat(HistoryRows.count("3")).isEqualTo(3);
        assertThat(HistoryRows.count("3.0")).as("a pandas column with gaps").isEqualTo(3);
        assertThat(HistoryRows.count("0.00")).isZero();
        assertThat(HistoryRows.count("2.5")).isEqualTo(-1);
        assertThat(HistoryRows.count(".0")).isEqualTo(-1);
        assertThat(HistoryRows.count("3.")).isEqualTo(3);
        assertThat(HistoryRows.count("-1.0")).isEqualTo(-1);
        assertThat(HistoryRows.count("1000001.0")).isEqualTo(-1);
        assertThat(HistoryRows.count("1e3")).isEqualTo(-1);
    }

    @Test
    void isoTimesWithAZoneOrAnOffsetAreInstants() {
        assertThat(HistoryRows.time("2026-03-01T09:00:00Z")).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(HistoryRows.time("2026-03-01T11:00:00+02:00")).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(HistoryRows.time("2026-03-01T10:00+01:00[Europe/Paris]"))
                .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
    }

    @Test
    void aSpaceForTheTAndAnOffsetWithoutItsColonAreTakenAsExportsWriteThem() {
        Instant nine = Instant.parse("2026-03-01T09:00:00Z");
        assertThat(HistoryRows.time("2026-03-01 09:00:00+00:00")).as("pandas").isEqualTo(nine);
        assertThat(HistoryRows.time("2026-03-01 09:00:00+00")).as("PostgreSQL").isEqualTo(nine);
        assertThat(HistoryRows.time("2026-03-01 09:00:00.25Z")).isEqualTo(nine.plusMillis(250));
        assertThat(HistoryRows.time("2026-03-01T14:30:00+0530")).isEqualTo(nine);
        assertThat(HistoryRows.time("2026-03-01T04:00:00-05")).isEqualTo(nine);
    }

    @Test
    void aTimeWithoutAZoneIsABadZoneAndGarbageIsMalformed() {
        assertThat(HistoryRows.time("2026-03-01 09:00:00")).isEqualTo(HistoryRows.Reason.BAD_ZONE);
        assertThat(HistoryRows.time("2026-03-01T09:00:00")).isEqualTo(HistoryRows.Reason.BAD_ZONE);
        assertThat(HistoryRows.time("2026-03-01")).isEqualTo(HistoryRows.Reason.BAD_ZONE);
        assertThat(HistoryRows.time("2026-03-01T09:00:00+5")).isEqualTo(HistoryRows.Reason.MALFORMED);
        assertThat(HistoryRows.time("2026-03-01T09:00:00+123")).isEqualTo(HistoryRows.Reason.MALFORMED);
        assertThat(HistoryRows.time("2026-03-01T09:00:00+٠٠")).isEqualTo(HistoryRows.Reason.MALFORMED);
        assertThat(HistoryRows.time("yesterday")).isEqualTo(HistoryRows.Reason.MALFORMED);
        assertThat(HistoryRows.time("2026-13-01 09:00:00Z")).isEqualTo(HistoryRows.Reason.MALFORMED);
    }
}
