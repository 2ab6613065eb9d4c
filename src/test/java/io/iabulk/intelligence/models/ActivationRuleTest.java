package io.iabulk.intelligence.models;

import static io.iabulk.intelligence.models.TestModels.evaluation;
import static io.iabulk.intelligence.models.TestModels.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.intelligence.learning.EngagementTrainer;
import io.iabulk.intelligence.learning.Metrics;
import io.iabulk.intelligence.models.ActivationRule.Decision;
import io.iabulk.intelligence.models.TestModels.FixedModel;
import org.junit.jupiter.api.Test;

/** When a new model becomes ACTIVE (docs/decisions/0019, "Registry, training runs and activation"). */
class ActivationRuleTest {

    private static final FixedModel MODEL = new FixedModel(0.2, 0.03);
    private static final EngagementTrainer.Evaluation BASELINE = evaluation(0.70, 0.45);

    @Test
    void theFirstModelIsActiveWhenItBeatsTheBaseline() {
        Decision decision = ActivationRule.decide(outcome(MODEL, evaluation(0.80, 0.40), BASELINE, null), null, false);

        assertThat(decision.activate()).isTrue();
        assertThat(decision.reason()).contains("no model was active");
    }

    @Test
    void theFirstModelStaysCandidateWhenItIsWorseThanTheBaselineOnEitherMetric() {
        Decision worseLoss = ActivationRule.decide(outcome(MODEL, evaluation(0.80, 0.46), BASELINE, null), null, false);
        Decision worseAuc = ActivationRule.decide(outcome(MODEL, evaluation(0.69, 0.40), BASELINE, null), null, false);

        assertThat(worseLoss.activate()).isFalse();
        assertThat(worseLoss.reason()).contains("worse than the baseline", "0.46000", "0.45000");
        assertThat(worseAuc.activate()).isFalse();
        assertThat(worseAuc.reason()).contains("ROC-AUC 0.6900 against 0.7000");
    }

    @Test
    void aModelNotWorseThanTheActiveOneOnBothMetricsReplacesIt() {
        Decision better = ActivationRule.decide(
                outcome(MODEL, evaluation(0.82, 0.39), BASELINE, evaluation(0.80, 0.40)), 7L, true);
        Decision equal = ActivationRule.decide(
                outcome(MODEL, evaluation(0.80, 0.40), BASELINE, evaluation(0.80, 0.40)), 7L, true);

        assertThat(better.activate()).isTrue();
        assertThat(better.reason()).contains("active model 7");
        assertThat(equal.activate()).isTrue();
    }

    @Test
    void aModelWorseThanTheActiveOneOnEitherMetricStaysCandidate() {
        Decision worseLoss = ActivationRule.decide(
                outcome(MODEL, evaluation(0.85, 0.401), BASELINE, evaluation(0.80, 0.40)), 7L, true);
        Decision worseAuc = ActivationRule.decide(
                outcome(MODEL, evaluation(0.799, 0.30), BASELINE, evaluation(0.80, 0.40)), 7L, true);

        assertThat(worseLoss.activate()).isFalse();
        assertThat(worseLoss.reason()).contains("worse than the active model 7");
        assertThat(worseAuc.activate()).isFalse();
        assertThat(worseAuc.reason()).contains("worse than the active model 7");
    }

    @Test
    void undefinedValidationMetricsNeverActivate() {
        Decision decision = ActivationRule.decide(
                outcome(MODEL, evaluation(Double.NaN, 0.40), evaluation(Double.NaN, 0.45), null), null, false);

        assertThat(decision.activate()).isFalse();
        assertThat(decision.reason()).contains("undefined");
    }

    @Test
    void anActiveModelThatCouldNotBeReadIsReplacedByAModelThatBeatsTheBaseline() {
        Decision decision = ActivationRule.decide(outcome(MODEL, evaluation(0.80, 0.40), BASELINE, null), 7L, false);

        assertThat(decision.activate()).isTrue();
        assertThat(decision.reason()).contains("could not be read");
    }

    // --- the referral risk model (docs/decisions/0028): it must beat the rules ---------------------

    private static final Metrics.Report RULES = TestModels.report(0.70, 0.90);

    private static Decision risk(Metrics.Report model, Metrics.Report active, Long activeId) {
        return ActivationRule.decide(
                ActivationRule.Criteria.REFERRAL_RISK, model, RULES, active, activeId, active != null);
    }

    @Test
    void aReferralRiskModelIsActiveOnlyWithAHigherRocAucThanTheRulesAndNoWorseLogLoss() {
        Decision better = risk(TestModels.report(0.80, 0.50), null, null);
        Decision sameAuc = risk(TestModels.report(0.70, 0.40), null, null);
        Decision worseLoss = risk(TestModels.report(0.90, 0.91), null, null);

        assertThat(better.activate()).isTrue();
        assertThat(better.reason()).isEqualTo("no model was active and it beats the rules on its held-out decisions");
        assertThat(sameAuc.activate()).isFalse();
        assertThat(sameAuc.reason())
                .startsWith("it is not better than the rules on its held-out decisions")
                .contains("ROC-AUC 0.7000 against 0.7000");
        assertThat(worseLoss.activate()).isFalse();
        assertThat(worseLoss.reason()).startsWith("it is worse than the rules");
    }

    @Test
    void aReferralRiskModelMustNotBeWorseThanTheActiveOneOnTheSameDecisions() {
        Decision tie = risk(TestModels.report(0.80, 0.50), TestModels.report(0.80, 0.50), 9L);
        Decision worse = risk(TestModels.report(0.80, 0.50), TestModels.report(0.81, 0.50), 9L);
        Decision undefined = risk(TestModels.report(Double.NaN, 0.50), null, null);

        assertThat(tie.activate()).isTrue();
        assertThat(tie.reason()).contains("not worse than the active model 9 nor the rules");
        assertThat(worse.activate()).isFalse();
        assertThat(worse.reason()).contains("worse than the active model 9");
        assertThat(undefined.activate()).isFalse();
        assertThat(undefined.reason()).contains("no approval or no rejection");
    }
}
