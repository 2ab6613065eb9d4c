package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.RiskLevel;
import io.iabulk.contests.RiskSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The rules' weighing at the default settings (docs/decisions/0024): what one signup shows alone
 * never reaches HIGH, however many of its hints add up; the same hints across several of a
 * referrer's referees do.
 */
class RiskRulesTest {

    static final ContestsProperties.Risk DEFAULTS = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("iabulk.contests", ContestsProperties.class)
            .fraud()
            .risk();

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    final RiskRules rules = new RiskRules(DEFAULTS);

    static RiskRules.Referee scripted(long id, String email, Instant at) {
        return new RiskRules.Referee(id, email, "curl/8.5.0", at, at.plusSeconds(2));
    }

    ReferralRisk alone(RiskRules.Referee referee) {
        return rules.combine(rules.strengths(referee, List.of(referee), new RiskRules.Context(0, 0)), null);
    }

    @Test
    void theDefaultsAreHigh055AndMedium03() {
        assertThat(DEFAULTS.high()).isEqualTo(0.55);
        assertThat(DEFAULTS.medium()).isEqualTo(0.3);
    }

    @Test
    void everyHintOfOneSignupTogetherStaysBelowHigh() {
        // a script's user agent, confirmed two seconds after signing up, a random-looking address
        RiskRules.Referee worst = scripted(1, "xk7qzt9w@mail.example", T0);
        ReferralRisk risk = alone(worst);

        assertThat(risk.reasons())
                .extracting(ReferralRisk.Reason::code)
                .containsExactlyInAnyOrder("AUTOMATED_CLIENT", "FAST_CONFIRMATION", "RANDOM_ADDRESSES");
        assertThat(risk.score()).isLessThan(DEFAULTS.high() - 0.03);
        assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);

        // an ordinary address: a script confirming at once (an API client, an end-to-end test)
        ReferralRisk plain = alone(scripted(2, "sam.green@mail.example", T0));
        assertThat(plain.score()).isEqualTo(0.44);
        assertThat(plain.level()).isEqualTo(RiskLevel.MEDIUM);

        // a person who opens the mail at once, in a browser: not even watched
        RiskRules.Referee quick = new RiskRules.Referee(
                3, "sam.green@mail.example", "Mozilla/5.0 (Windows NT 10.0)", T0, T0.plusSeconds(3));
        assertThat(alone(quick).level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void theSameHintsAcrossSeveralOfAReferrersRefereesAreHigh() {
        List<RiskRules.Referee> window = new ArrayList<>();
        String[] names = {"olivia.brown", "liam.jones", "emma.wilson", "noah.taylor"};
        for (int i = 0; i < names.length; i++) {
            window.add(scripted(i + 1, names[i] + "@mail.example", T0.plus(Duration.ofMinutes(7 + 31L * i * i))));
        }

        List<Map<RiskSignal, Double>> all = rules.strengthsOfAll(window, new RiskRules.Context(0, 0));
        for (Map<RiskSignal, Double> strengths : all) {
            assertThat(strengths).containsEntry(RiskSignal.FAST_CONFIRMATION, 1.0);
            assertThat(rules.combine(strengths, null).level()).isEqualTo(RiskLevel.HIGH);
        }
        // four quick confirmations from browsers are a pattern on their own
        assertThat(RiskSignal.FAST_CONFIRMATION.weight()).isGreaterThanOrEqualTo(DEFAULTS.high());
    }
}
