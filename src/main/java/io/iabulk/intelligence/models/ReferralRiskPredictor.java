package io.iabulk.intelligence.models;

import io.iabulk.contests.ReferralRiskModel;
import io.iabulk.contests.RiskSignal;
import io.iabulk.intelligence.learning.RiskModel;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@link ReferralRiskModel} contests consult on every referral assessment (docs/decisions/0028):
 * the active referral risk model, read from the registry once per activation and cached; empty while
 * none is active, so that the rules decide. Like {@link ModelPredictor}, it reads which model is
 * active every {@code iabulk.intelligence.models.check-interval} (one index probe) and swaps when
 * another one is, and at once on this instance's {@link ModelActivated}. A score never fails a
 * signup: a model that cannot be read, or a database that cannot say which is active, leaves the
 * rules (or the model already answering) in charge.
 */
@Component
public class ReferralRiskPredictor implements ReferralRiskModel {

    private static final Logger log = LoggerFactory.getLogger(ReferralRiskPredictor.class);

    private static final ActiveModel.Serving<RiskModel> RULES = new ActiveModel.Serving<>(null, null);

    private final ActiveModel<RiskModel> active;

    @Autowired
    ReferralRiskPredictor(JdbcModelRepository models) {
        this(models, RiskModel::read);
    }

    ReferralRiskPredictor(JdbcModelRepository models, Function<byte[], RiskModel> reader) {
        this.active = new ActiveModel<>(
                JdbcModelRepository.REFERRAL_RISK,
                "the rules",
                models,
                reader,
                model -> "it refines the rules' score from a rules' score of " + model.minRulesScore());
    }

    @Override
    public OptionalDouble score(Map<RiskSignal, Double> strengths, double rulesScore) {
        RiskModel model = current().model();
        // the model recomputes the rules' score from the strengths as its training decisions kept them
        return model == null ? OptionalDouble.empty() : model.score(strengths);
    }

    /** The active referral risk model's id, null while the rules decide alone. */
    public Long modelId() {
        return current().modelId();
    }

    /** The model answering, empty while the rules decide alone. */
    public Optional<RiskModel> model() {
        return Optional.ofNullable(current().model());
    }

    private ActiveModel.Serving<RiskModel> current() {
        try {
            return active.current();
        } catch (RuntimeException e) {
            log.warn("Could not read which referral risk model is active; the rules decide: {}", e.toString());
            return RULES;
        }
    }

    @Scheduled(
            fixedDelayString = "${iabulk.intelligence.models.check-interval:5s}",
            initialDelayString = "${iabulk.intelligence.models.check-interval:5s}")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not check which referral risk model is active; the current one keeps answering: {}",
                    e.toString());
        }
    }

    @EventListener
    void activated(ModelActivated event) {
        if (JdbcModelRepository.REFERRAL_RISK.equals(event.kind())) {
            refresh();
        }
    }

    /** Reads which referral risk model is active and swaps to it when it is not the one answering. */
    public void refresh() {
        active.refresh();
    }
}
