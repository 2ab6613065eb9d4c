package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.RiskLabel;
import io.iabulk.contests.RiskLevel;
import io.iabulk.contests.RiskSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * The referral risk model's training (docs/decisions/0028) on decisions built by hand: the minimum,
 * the time split, what it learns when a signal tells more than the rules weigh it, and what it
 * cannot learn when the operators decide as the rules' score says.
 */
class ReferralRiskTrainerTest {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final ReferralRiskTrainer.Settings DEFAULTS = new ReferralRiskTrainer.Settings(200, 30, 0.2);

    /** A decision on a referral held with these strengths, at minute {@code i}. */
    static RiskLabel label(long i, Map<RiskSignal, Double> strengths, boolean approved, RiskLevel level) {
        double keep = 1;
        List<ReferralRisk.Reason> reasons = new ArrayList<>();
        for (Map.Entry<RiskSignal, Double> e : strengths.entrySet()) {
            keep *= 1 - e.getKey().weight() * e.getValue();
            reasons.add(ReferralRisk.Reason.of(e.getKey(), e.getValue()));
        }
        ReferralRisk risk = new ReferralRisk(Math.round((1 - keep) * 1000) / 1000.0, level, reasons);
        return new RiskLabel(i + 1, 7, risk, approved, T0.plus(Duration.ofMinutes(i)));
    }

    /** Held referrals (HIGH by the rules): two or three strong signals each, drawn at random. */
    static List<RiskLabel> decisions(
            int n, long seed, BiPredicate<Map<RiskSignal, Double>, SplittableRandom> rejected) {
        SplittableRandom random = new SplittableRandom(seed);
        RiskSignal[] pool = {
            RiskSignal.GENERATED_ADDRESSES,
            RiskSignal.RANDOM_ADDRESSES,
            RiskSignal.SHARED_USER_AGENT,
            RiskSignal.FAST_CONFIRMATION,
            RiskSignal.REGULAR_RHYTHM,
            RiskSignal.FAST_GROWTH
        };
        List<RiskLabel> labels = new ArrayList<>();
        while (labels.size() < n) {
            Map<RiskSignal, Double> s = new EnumMap<>(RiskSignal.class);
            int signals = 2 + random.nextInt(2);
            while (s.size() < signals) {
                s.put(pool[random.nextInt(pool.length)], Math.round((0.5 + 0.5 * random.nextDouble()) * 100) / 100.0);
            }
            if (RiskRows.rulesScore(RiskRows.strengths(s)) < 0.75) {
                continue; // not held: no decision
            }
            labels.add(label(labels.size(), s, !rejected.test(s, random), RiskLevel.HIGH));
        }
        return labels;
    }

    @Test
    void belowTheMinimumNoModelIsTrainedAndTheReasonGivesTheCounts() {
        List<RiskLabel> few = decisions(150, 1, (s, r) -> r.nextDouble() < 0.5);

        ReferralRiskTrainer.Outcome outcome = ReferralRiskTrainer.train(few, DEFAULTS, null);

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.reason())
                .startsWith("150 decisions on referrals held for their risk (")
                .endsWith("training needs 200 with at least 30 approved and 30 rejected");
        assertThat(outcome.trainedOn().examples()).isEqualTo(150);

        List<RiskLabel> oneSided = decisions(400, 2, (s, r) -> r.nextDouble() < 0.95);
        ReferralRiskTrainer.Outcome rejections = ReferralRiskTrainer.train(oneSided, DEFAULTS, null);
        assertThat(rejections.trained()).isFalse();
        assertThat(rejections.reason()).contains("400 decisions", "approved");
    }

    @Test
    void decisionsOnReferralsHeldByAFixedRuleWhileLowOrMediumAreLeftOut() {
        List<RiskLabel> labels = new ArrayList<>(decisions(190, 3, (s, r) -> r.nextDouble() < 0.5));
        for (int i = 0; i < 50; i++) {
            labels.add(label(1000 + i, Map.of(), false, RiskLevel.LOW)); // a disposable domain, say
        }

        ReferralRiskTrainer.Outcome outcome = ReferralRiskTrainer.train(labels, DEFAULTS, null);

        assertThat(outcome.trained()).isFalse();
        assertThat(outcome.reason()).startsWith("190 decisions");
    }

    @Test
    void aSignalThatTellsMoreThanItsWeightIsLearntAndBeatsTheRulesOnTheLaterDecisions() {
        // operators reject what confirmed within seconds, and approve most of the rest (shared phones,
        // influencers): the rules weigh every signal alike
        List<RiskLabel> labels = decisions(
                600,
                4,
                (s, r) -> s.containsKey(RiskSignal.FAST_CONFIRMATION) ? r.nextDouble() < 0.9 : r.nextDouble() < 0.15);

        ReferralRiskTrainer.Outcome outcome = ReferralRiskTrainer.train(labels, DEFAULTS, null);

        assertThat(outcome.trained()).as(outcome.reason()).isTrue();
        assertThat(outcome.trainedOn().examples()).isEqualTo(480);
        assertThat(outcome.validatedOn().examples()).isEqualTo(120);
        assertThat(outcome.validatedOn().from()).isAfter(outcome.trainedOn().to());
        assertThat(outcome.metrics().rocAuc()).isGreaterThan(outcome.rules().rocAuc() + 0.1);
        assertThat(outcome.metrics().logLoss()).isLessThan(outcome.rules().logLoss());
        assertThat(outcome.model().coefficients().get("signal.FAST_CONFIRMATION"))
                .isGreaterThan(1.0);
        assertThat(outcome.model().minRulesScore()).isGreaterThanOrEqualTo(0.75 - 0.01);
        assertThat(outcome.model().features())
                .hasSize(RiskSignal.values().length + 1)
                .last()
                .isEqualTo("rules.score");

        // it scores a referral of its range, and leaves a lower one to the rules
        Map<RiskSignal, Double> fast = Map.of(RiskSignal.FAST_CONFIRMATION, 1.0, RiskSignal.SHARED_USER_AGENT, 1.0);
        Map<RiskSignal, Double> shared = Map.of(RiskSignal.SHARED_USER_AGENT, 1.0, RiskSignal.FAST_GROWTH, 1.0);
        assertThat(outcome.model().score(fast).getAsDouble()).isGreaterThan(0.75);
        assertThat(outcome.model().score(shared).getAsDouble()).isLessThan(0.4);
        assertThat(outcome.model().score(Map.of(RiskSignal.AUTOMATED_CLIENT, 1.0)))
                .isEmpty();
        assertThat(outcome.model().score(Map.of())).isEmpty();
    }

    @Test
    void whenOperatorsDecideAsTheRulesScoreSaysTheModelDoesNotBeatTheRules() {
        // the rules' score is the true probability of a rejection: there is nothing more to learn
        int beaten = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<RiskLabel> labels =
                    decisions(500, 100 + seed, (s, r) -> r.nextDouble() < RiskRows.rulesScore(RiskRows.strengths(s)));
            ReferralRiskTrainer.Outcome outcome = ReferralRiskTrainer.train(labels, DEFAULTS, null);
            assertThat(outcome.trained()).as(outcome.reason()).isTrue();
            boolean beats = outcome.metrics().rocAuc() > outcome.rules().rocAuc()
                    && outcome.metrics().logLoss() <= outcome.rules().logLoss();
            beaten += beats ? 1 : 0;
        }
        // ROC-AUC on 100 held-out decisions varies by a few hundredths: a model that only re-learns
        // the rules beats them (ROC-AUC higher, log-loss not) by chance in a few worlds (3 of these
        // 20), never in most; ActivationRule.Criteria.REFERRAL_RISK is this comparison
        assertThat(beaten)
                .as("worlds of 20 where a model re-learning the rules beat them")
                .isLessThanOrEqualTo(5);
    }

    @Test
    void decisionsMadeAtOneInstantStayOnOneSideOfTheSplit() {
        List<RiskLabel> labels = new ArrayList<>();
        for (RiskLabel l : decisions(300, 5, (s, r) -> r.nextDouble() < 0.5)) {
            // the last 100 decided at once (a batch review)
            Instant at = l.referralId() > 200 ? T0.plus(Duration.ofDays(1)) : l.reviewedAt();
            labels.add(new RiskLabel(l.referralId(), l.contestId(), l.risk(), l.approved(), at));
        }

        ReferralRiskTrainer.Outcome outcome = ReferralRiskTrainer.train(labels, DEFAULTS, null);

        assertThat(outcome.validatedOn().examples()).isEqualTo(100);
        assertThat(outcome.trainedOn().examples()).isEqualTo(200);
    }

    @Test
    void anActiveModelIsMeasuredOnTheSameHeldOutDecisions() {
        List<RiskLabel> labels = decisions(
                400,
                6,
                (s, r) -> s.containsKey(RiskSignal.FAST_CONFIRMATION) ? r.nextDouble() < 0.9 : r.nextDouble() < 0.15);
        RiskModel first = ReferralRiskTrainer.train(labels, DEFAULTS, null).model();

        ReferralRiskTrainer.Outcome second = ReferralRiskTrainer.train(labels, DEFAULTS, first);

        assertThat(second.active()).isNotNull();
        assertThat(second.active().rocAuc()).isEqualTo(second.metrics().rocAuc(), within(1e-12));
    }

    @Test
    void aModelReadsBackFromItsBytesAndRefusesOthers() {
        RiskModel model = ReferralRiskTrainer.train(
                        decisions(300, 7, (s, r) -> s.containsKey(RiskSignal.RANDOM_ADDRESSES) == r.nextDouble() < 0.8),
                        DEFAULTS,
                        null)
                .model();
        RiskModel read = RiskModel.read(model.toBytes());
        Map<RiskSignal, Double> s = Map.of(RiskSignal.RANDOM_ADDRESSES, 0.9, RiskSignal.REGULAR_RHYTHM, 0.8);

        assertThat(read.score(s).getAsDouble()).isEqualTo(model.score(s).getAsDouble());
        assertThat(read.features()).isEqualTo(model.features());
        assertThat(read.minRulesScore()).isEqualTo(model.minRulesScore());
        assertThatThrownBy(() -> RiskModel.read(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveStrengthsAreKeptAsAStoredDecisionKeepsThem() {
        // a part below 0.05 is not stored with a referral, and strengths are stored to two decimals
        double[] s = RiskRows.strengths(Map.of(RiskSignal.FAST_GROWTH, 0.1, RiskSignal.GENERATED_ADDRESSES, 0.6666));

        assertThat(s[RiskSignal.FAST_GROWTH.ordinal()]).isZero();
        assertThat(s[RiskSignal.GENERATED_ADDRESSES.ordinal()]).isEqualTo(0.67);
        assertThat(RiskRows.rulesScore(s)).isEqualTo(0.85 * 0.67, within(1e-12));
    }
}
