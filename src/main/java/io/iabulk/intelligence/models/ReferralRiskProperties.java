package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.ReferralRiskTrainer;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the referral risk model's training, prefix {@code iabulk.intelligence.referral-risk}
 * (docs/decisions/0028). The schedule's switch, check interval and lease are the engagement
 * model's ({@code iabulk.intelligence.training.*}).
 *
 * @param interval how long after the last scheduled or manual run (successful or not) the next
 *     scheduled one starts: decisions arrive slowly, so a run that found too few waits as long
 * @param minLabels below this many operators' decisions on referrals held for their risk, no model
 *     is trained and the rules alone score referrals
 * @param minEachOutcome below this many approvals, or this many rejections, among them, no model is
 *     trained either
 * @param holdOutFraction the latest share of the decisions (by count, in the order they were made)
 *     that measures a new model against the rules and the active model; the earlier ones train it
 * @param maxLabels the most decisions a run learns from (the latest), a bound on its memory
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.referral-risk")
public record ReferralRiskProperties(
        @NotNull @DefaultValue("24h") Duration interval,
        @Min(10) @DefaultValue("200") int minLabels,
        @Min(2) @DefaultValue("30") int minEachOutcome,

        @DecimalMin("0.05") @DecimalMax("0.5") @DefaultValue("0.2")
        double holdOutFraction,

        @Min(100) @DefaultValue("100000") int maxLabels) {

    /** What the trainer is told. */
    ReferralRiskTrainer.Settings settings() {
        return new ReferralRiskTrainer.Settings(minLabels, minEachOutcome, holdOutFraction);
    }
}
