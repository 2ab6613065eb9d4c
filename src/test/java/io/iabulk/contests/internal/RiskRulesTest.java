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

    /** Referee i: a name-like address, one of three browsers, confirmed twenty minutes later. */
    static RiskRules.Referee person(int i, Instant at) {
        String[] agents = {"Mozilla/5.0 (iPhone)", "Mozilla/5.0 (Windows NT 10.0)", "Mozilla/5.0 (Macintosh)"};
        return new RiskRules.Referee(
                i + 1, "person" + (char) ('a' + i) + ".smith@mail.example", agents[i % 3], at, at.plusSeconds(1200));
    }

    @Test
    void theFirstMembersOfARegularSequenceShareItsRhythmOnceItShows() {
        // name-like addresses, a browser each, confirmed after twenty minutes: only the clockwork
        // timing of the signups (every 90 s, within a second) gives them away
        List<RiskRules.Referee> window = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            window.add(person(i, T0.plusMillis(90_000L * i + (i % 3) * 400L)));
        }
        RiskRules.Context context = new RiskRules.Context(0, 0);

        // when the first arrived, nothing was there to see; when the second did, one gap is no rhythm
        assertThat(rules.strengths(window.get(1), window.subList(0, 2), context))
                .doesNotContainKey(RiskSignal.REGULAR_RHYTHM);

        // re-scored once eight have come, the first and the last are judged on the same sequence
        List<Map<RiskSignal, Double>> all = rules.strengthsOfAll(window, context);
        assertThat(all.getFirst().get(RiskSignal.REGULAR_RHYTHM)).isGreaterThan(0.8);
        assertThat(all.getFirst().get(RiskSignal.REGULAR_RHYTHM))
                .isEqualTo(all.getLast().get(RiskSignal.REGULAR_RHYTHM));
        assertThat(rules.combine(all.getFirst(), null).level()).isEqualTo(RiskLevel.HIGH);

        // people arriving at random moments (gaps of 5 s to 40 min) show no rhythm, first or last
        List<RiskRules.Referee> people = new ArrayList<>();
        long[] gaps = {300, 2400, 5, 900, 60, 1800, 20};
        Instant at = T0;
        for (int i = 0; i < 8; i++) {
            people.add(person(i, at));
            at = at.plusSeconds(i < gaps.length ? gaps[i] : 0);
        }
        rules.strengthsOfAll(people, context)
                .forEach(strengths -> assertThat(strengths).doesNotContainKey(RiskSignal.REGULAR_RHYTHM));
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
