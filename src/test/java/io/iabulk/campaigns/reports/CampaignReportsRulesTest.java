package io.iabulk.campaigns.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CampaignReportsRulesTest {

    private static final Instant TEN = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void countsEveryBucketThatStartsBeforeTheEnd() {
        Duration hour = Duration.ofHours(1);
        assertThat(CampaignReports.bucketsBetween(TEN, TEN.plus(hour), hour)).isEqualTo(1);
        assertThat(CampaignReports.bucketsBetween(TEN, TEN.plusSeconds(3601), hour))
                .isEqualTo(2);
        assertThat(CampaignReports.bucketsBetween(TEN, TEN.plusNanos(1), hour)).isEqualTo(1);
        Instant yearOne = Instant.parse("0001-01-01T00:00:00Z");
        assertThat(CampaignReports.bucketsBetween(yearOne, TEN, Duration.ofMinutes(1)))
                .as("far-apart instants do not overflow")
                .isEqualTo(Duration.between(yearOne, TEN).toMinutes());
    }

    @Test
    void ratesAreFractionsAndZeroWithoutDenominator() {
        assertThat(CampaignReports.rate(1, 4)).isEqualTo(0.25);
        assertThat(CampaignReports.rate(5, 0)).isZero();
        assertThat(CampaignReports.rate(0, 0)).isZero();
        assertThat(CampaignReports.rate(5, 4)).as("capped at 1").isEqualTo(1.0);
    }

    @Test
    void amountsKeepTwoDecimalsAtLeast() {
        assertThat(CampaignReports.money(new BigDecimal("100.0000"))).hasToString("100.00");
        assertThat(CampaignReports.money(new BigDecimal("12.5000"))).hasToString("12.50");
        assertThat(CampaignReports.money(new BigDecimal("0.1234"))).hasToString("0.1234");
    }
}
