package io.iabulk.intelligence.models;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.RiskLabel;
import io.iabulk.intelligence.learning.EngagementTrainer.Progress;
import io.iabulk.intelligence.learning.ReferralRiskTrainer;
import io.iabulk.intelligence.learning.ReferralRiskTrainer.Outcome;
import io.iabulk.intelligence.learning.RiskModel;
import io.iabulk.intelligence.models.ModelRegistry.Active;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A training run of the referral risk model (docs/decisions/0028): the operators' decisions read
 * from contests ({@link ContestService#riskLabels}, oldest first, keyset-paged), the latest {@code
 * max-labels} usable ones kept, trained on with a time split, stored with the activation decision
 * against the rules and the active referral risk model.
 */
@Component
class ReferralRiskTraining implements KindTraining {

    private static final int PAGE = 1000;

    /** Operators' decisions after ({@code reviewedAt}, {@code referralId}), oldest first. */
    @FunctionalInterface
    interface Labels {
        List<RiskLabel> after(Instant after, long afterReferralId, int limit);
    }

    private final Labels labels;
    private final ModelRegistry registry;
    private final ReferralRiskProperties properties;

    @Autowired
    ReferralRiskTraining(ContestService contests, ModelRegistry registry, ReferralRiskProperties properties) {
        this(contests::riskLabels, registry, properties);
    }

    /** With the decisions given (a test's). */
    ReferralRiskTraining(Labels labels, ModelRegistry registry, ReferralRiskProperties properties) {
        this.labels = labels;
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return JdbcModelRepository.REFERRAL_RISK;
    }

    /** An interval after any run: decisions arrive slowly, and a failed run is not retried within the hour. */
    @Override
    public Duration scheduleAfter(TrainingJob last) {
        return properties.interval();
    }

    @Override
    public String run(String holder, long jobId, Trigger trigger, Progress progress, BooleanSupplier lost) {
        Active<RiskModel> active = registry.active(kind(), RiskModel::read);
        ArrayDeque<RiskLabel> kept = new ArrayDeque<>();
        long read = 0;
        long usable = 0;
        Instant after = Instant.EPOCH;
        long afterId = 0;
        while (true) {
            List<RiskLabel> page = labels.after(after, afterId, PAGE);
            for (RiskLabel label : page) {
                read++;
                if (ReferralRiskTrainer.usable(label)) {
                    usable++;
                    kept.addLast(label);
                    if (kept.size() > properties.maxLabels()) {
                        kept.removeFirst(); // the latest decisions teach what operators decide now
                    }
                }
            }
            progress.stage("reading", read, 0);
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().reviewedAt();
            afterId = page.getLast().referralId();
        }
        progress.stage("training", kept.size(), kept.size());
        Outcome outcome = ReferralRiskTrainer.train(new ArrayList<>(kept), properties.settings(), active.model());
        if (lost.getAsBoolean()) {
            throw new ModelRegistry.LeaseLostException(jobId);
        }
        if (!outcome.trained()) {
            String stays = active.id() == null
                    ? "the rules alone keep scoring referrals"
                    : "referral risk model " + active.id() + " stays active";
            return "Not enough decisions to train a referral risk model: " + outcome.reason() + "; " + stays + ".";
        }
        Map<String, Object> provenance = new LinkedHashMap<>(outcome.provenance());
        // leftOut: held by a fixed rule while LOW or MEDIUM; beyondMax: older than the latest max-labels
        provenance.put(
                "decisions",
                Map.of("read", read, "used", kept.size(), "leftOut", read - usable, "beyondMax", usable - kept.size()));
        Map<String, Object> activeMetrics = new LinkedHashMap<>();
        if (outcome.active() != null) {
            activeMetrics.put("activeMetrics", ModelMetrics.of(outcome.active()));
        }
        ModelRegistry.Run run = new ModelRegistry.Run(
                kind(),
                outcome.model().algorithm(),
                outcome.model().toBytes(),
                outcome.trainedOn(),
                outcome.validatedOn(),
                outcome.model().features(),
                ModelMetrics.of(outcome.metrics()),
                ModelMetrics.of(outcome.rules()),
                null,
                null,
                provenance,
                activeMetrics);
        ActivationRule.Decision decision = ActivationRule.decide(
                ActivationRule.Criteria.REFERRAL_RISK,
                outcome.metrics(),
                outcome.rules(),
                outcome.active(),
                active.id(),
                active.model() != null);
        registry.store(holder, jobId, trigger, run, active.id(), decision);
        return null;
    }
}
