package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskFeaturesTest {

    @Test
    void namesDoNotLookRandom() {
        for (String name : List.of(
                "john.smith@gmail.com",
                "anna.kowalczyk@wp.pl",
                "maria1985@yahoo.com",
                "j.mueller@web.de",
                "christopher.schmidt@example.com",
                "nguyen.thi.huong@example.vn",
                "sarah_oconnor@example.ie",
                "info@example.com")) {
            assertThat(RiskFeatures.randomness(name)).as(name).isLessThan(0.5);
        }
    }

    @Test
    void aRealNameThatLooksRandomAloneStaysLow() {
        // six consonants in a row: the feature cannot tell this surname from a generated string, so
        // a lone random-looking address weighs little; only several among one referrer's referees count
        String armenian = "mkrtchyan.a@example.am";
        assertThat(RiskFeatures.randomness(armenian)).isGreaterThanOrEqualTo(0.5);
        RiskRules rules = new RiskRules(
                FraudRulesTest.properties(24, null, List.of()).fraud().risk());
        RiskRules.Referee referee =
                new RiskRules.Referee(1, armenian, "Mozilla/5.0 (Windows NT 10.0)", java.time.Instant.EPOCH, null);
        var strengths = rules.strengths(referee, List.of(), new RiskRules.Context(0, 0));
        assertThat(rules.combine(strengths, null).level()).isEqualTo(io.iabulk.contests.RiskLevel.LOW);
    }

    @Test
    void generatedStringsLookRandom() {
        for (String random :
                List.of("xk7qzt9w@example.com", "q8vbn3rtx@example.com", "zr4kw9pfd@example.com", "bcdfghkl@x.io")) {
            assertThat(RiskFeatures.randomness(random)).as(random).isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void variantsOfOneAddressShareAStem() {
        assertThat(RiskFeatures.stem("Anna.K+promo@example.com")).isEqualTo("annak");
        assertThat(RiskFeatures.stem("annak12@example.org")).isEqualTo("annak");
        assertThat(RiskFeatures.stem("a.n.n.a.k@example.org")).isEqualTo("annak");
        assertThat(RiskFeatures.stem("12@example.org")).isNull();
        assertThat(RiskFeatures.variant("annak12@example.org")).isTrue();
        assertThat(RiskFeatures.variant("annak@example.org")).isFalse();
    }

    @Test
    void scriptsAreAutomatedClientsAndBrowsersAreNot() {
        assertThat(RiskFeatures.automated("python-requests/2.31.0")).isTrue();
        assertThat(RiskFeatures.automated("curl/8.5.0")).isTrue();
        assertThat(RiskFeatures.automated("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0"))
                .isTrue();
        assertThat(RiskFeatures.automated(null)).isTrue();
        assertThat(
                        RiskFeatures.automated(
                                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"))
                .isFalse();
    }

    @Test
    void userAgentsLoseControlCharactersAndStayBounded() {
        assertThat(RiskFeatures.cleanUserAgent("a\u0000b\r\nc\u202ed")).isEqualTo("a b c d");
        assertThat(RiskFeatures.cleanUserAgent("x".repeat(5000))).hasSize(256);
        assertThat(RiskFeatures.cleanUserAgent(" \t ")).isNull();
        assertThat(RiskFeatures.cleanUserAgent("😀".repeat(200))).hasSize(256);
    }

    @Test
    void regularGapsVaryLittle() {
        assertThat(RiskFeatures.variation(new long[] {60, 60, 61, 59}, 4)).isLessThan(0.05);
        assertThat(RiskFeatures.variation(new long[] {5, 600, 30, 2000, 90}, 5)).isGreaterThan(1);
    }
}
