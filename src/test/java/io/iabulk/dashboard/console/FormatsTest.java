package io.iabulk.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T13:05:00Z");
    private final Formats fmt = new Formats(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void countsBelowTenThousandInFullWithGrouping() {
        assertThat(fmt.count(0)).isEqualTo("0");
        assertThat(fmt.count(999)).isEqualTo("999");
        assertThat(fmt.count(1_234)).isEqualTo("1,234");
        assertThat(fmt.count(9_999)).isEqualTo("9,999");
        assertThat(fmt.count(-1_234)).isEqualTo("-1,234");
    }

    @Test
    void countsFromTenThousandWithOneDecimalAndAUnit() {
        assertThat(fmt.count(10_000)).isEqualTo("10.0k");
        assertThat(fmt.count(12_345)).isEqualTo("12.3k");
        assertThat(fmt.count(12_350)).isEqualTo("12.4k");
        assertThat(fmt.count(1_234_567)).isEqualTo("1.2M");
        assertThat(fmt.count(3_400_000_000L)).isEqualTo("3.4B");
        assertThat(fmt.count(-12_345)).isEqualTo("-12.3k");
    }

    @Test
    void roundsUpIntoTheNextUnitRatherThanWritingAThousand() {
        assertThat(fmt.count(999_949)).isEqualTo("999.9k");
        assertThat(fmt.count(999_950)).isEqualTo("1.0M");
        assertThat(fmt.count(999_950_000)).isEqualTo("1.0B");
        assertThat(fmt.count(Long.MAX_VALUE)).isEqualTo("9223372036.9B");
        assertThat(fmt.count(Long.MIN_VALUE)).isEqualTo("-9223372036.9B");
    }

    @Test
    void countsBoxedNumbersAndNull() {
        assertThat(fmt.count(Integer.valueOf(1234))).isEqualTo("1,234");
        assertThat(fmt.count((Number) null)).isEqualTo("—");
    }

    @Test
    void percentagesWithOneDecimal() {
        assertThat(fmt.percent(0.345)).isEqualTo("34.5 %");
        assertThat(fmt.percent(0.3456)).isEqualTo("34.6 %");
        assertThat(fmt.percent(1)).isEqualTo("100.0 %");
        assertThat(fmt.percent(0.99999)).isEqualTo("100.0 %");
        assertThat(fmt.percent(0.0001)).isEqualTo("0.0 %");
        assertThat(fmt.percent(-0.0001)).isEqualTo("0.0 %");
        assertThat(fmt.percent(-0.031)).isEqualTo("-3.1 %");
    }

    @Test
    void percentagesOfNothingAndOfNonsense() {
        assertThat(fmt.percent(0)).isEqualTo("0 %");
        assertThat(fmt.percent(Double.NaN)).isEqualTo("—");
        assertThat(fmt.percent(Double.POSITIVE_INFINITY)).isEqualTo("—");
        assertThat(fmt.percent((Number) null)).isEqualTo("—");
    }

    @Test
    void changesCarryTheirSign() {
        assertThat(fmt.change(0.12)).isEqualTo("+12.0 %");
        assertThat(fmt.change(-0.031)).isEqualTo("-3.1 %");
        assertThat(fmt.change(0)).isEqualTo("0 %");
        assertThat(fmt.change(null)).isEqualTo("—");
    }

    @Test
    void agoInThePast() {
        assertThat(fmt.ago(NOW, NOW)).isEqualTo("just now");
        assertThat(fmt.ago(NOW.minusSeconds(44), NOW)).isEqualTo("just now");
        assertThat(fmt.ago(NOW.minusSeconds(45), NOW)).isEqualTo("1 min ago");
        assertThat(fmt.ago(NOW.minusSeconds(3 * 60 + 59), NOW)).isEqualTo("3 min ago");
        assertThat(fmt.ago(NOW.minusSeconds(3599), NOW)).isEqualTo("59 min ago");
        assertThat(fmt.ago(NOW.minusSeconds(3600), NOW)).isEqualTo("1 h ago");
        assertThat(fmt.ago(NOW.minus(Duration.ofHours(23).plusMinutes(59)), NOW))
                .isEqualTo("23 h ago");
        assertThat(fmt.ago(NOW.minus(Duration.ofHours(24)), NOW)).isEqualTo("yesterday");
        assertThat(fmt.ago(NOW.minus(Duration.ofHours(47)), NOW)).isEqualTo("yesterday");
        assertThat(fmt.ago(NOW.minus(Duration.ofDays(4)), NOW)).isEqualTo("4 days ago");
        assertThat(fmt.ago(NOW.minus(Duration.ofDays(7)), NOW)).isEqualTo("30 Nov 2026");
    }

    @Test
    void agoInTheFuture() {
        assertThat(fmt.ago(NOW.plusSeconds(30), NOW)).isEqualTo("just now");
        assertThat(fmt.ago(NOW.plusSeconds(180), NOW)).isEqualTo("in 3 min");
        assertThat(fmt.ago(NOW.plus(Duration.ofHours(2)), NOW)).isEqualTo("in 2 h");
        assertThat(fmt.ago(NOW.plus(Duration.ofHours(30)), NOW)).isEqualTo("tomorrow");
        assertThat(fmt.ago(NOW.plus(Duration.ofDays(4)), NOW)).isEqualTo("in 4 days");
    }

    @Test
    void agoWritesOldDatesInTheOperatorsZoneAndUsesTheClock() {
        var lateEvening = Instant.parse("2026-11-01T23:30:00Z");
        assertThat(fmt.ago(lateEvening, ZoneId.of("Europe/Paris"))).isEqualTo("2 Nov 2026");
        assertThat(fmt.ago(lateEvening)).isEqualTo("1 Nov 2026");
        assertThat(fmt.ago(NOW.minusSeconds(120))).isEqualTo("2 min ago");
        assertThat(fmt.ago(null)).isEqualTo("—");
    }

    @Test
    void dateTimeInTheOperatorsZoneWithItsAbbreviation() {
        var instant = Instant.parse("2026-12-07T13:05:00Z");
        assertThat(fmt.dateTime(instant, ZoneId.of("Europe/Paris"))).isEqualTo("7 Dec 2026, 14:05 CET");
        assertThat(fmt.dateTime(Instant.parse("2026-07-07T13:05:00Z"), ZoneId.of("Europe/Paris")))
                .isEqualTo("7 Jul 2026, 15:05 CEST");
        assertThat(fmt.dateTime(instant, ZoneOffset.UTC)).isEqualTo("7 Dec 2026, 13:05 Z");
        assertThat(fmt.dateTime(instant, ZoneId.of("UTC"))).isEqualTo("7 Dec 2026, 13:05 UTC");
        assertThat(fmt.dateTime(null, ZoneOffset.UTC)).isEqualTo("—");
    }

    @Test
    void durationsInTheirTwoLargestUnits() {
        assertThat(fmt.duration(Duration.ZERO)).isEqualTo("0 s");
        assertThat(fmt.duration(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(fmt.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(fmt.duration(Duration.ofSeconds(330))).isEqualTo("5 min 30 s");
        assertThat(fmt.duration(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(fmt.duration(Duration.ofMinutes(65))).isEqualTo("1 h 5 min");
        assertThat(fmt.duration(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(fmt.duration(Duration.ofHours(51))).isEqualTo("2 d 3 h");
        assertThat(fmt.duration(Duration.ofSeconds(-42))).isEqualTo("-42 s");
        assertThat(fmt.duration(null)).isEqualTo("—");
    }

    @Test
    void bytesInDecimalUnits() {
        assertThat(fmt.bytes(0)).isEqualTo("0 B");
        assertThat(fmt.bytes(999)).isEqualTo("999 B");
        assertThat(fmt.bytes(1_500)).isEqualTo("1.5 kB");
        assertThat(fmt.bytes(999_950)).isEqualTo("1.0 MB");
        assertThat(fmt.bytes(12_345_678)).isEqualTo("12.3 MB");
        assertThat(fmt.bytes(1_200_000_000L)).isEqualTo("1.2 GB");
        assertThat(fmt.bytes(-1_500)).isEqualTo("-1.5 kB");
    }
}
