package io.iabulk.intelligence.models;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.learning.EngagementModel;
import io.iabulk.intelligence.learning.EngagementModels;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The {@link EngagementPredictor} of the service: the active engagement model, read from the
 * registry once per activation and cached, or the baseline while no model is active. Every
 * {@code iabulk.intelligence.models.check-interval} it reads which model is active (one index
 * probe) and swaps when another one is, so every instance serves an activation made on another
 * without a restart; the instance that activates swaps at once ({@link ModelActivated}).
 *
 * <p>It is not a fallback bean, so it replaces {@code BaselinePredictor} at every injection point
 * of {@code EngagementPredictor}.
 */
@Component
public class ModelPredictor implements EngagementPredictor {

    private static final Logger log = LoggerFactory.getLogger(ModelPredictor.class);

    private final BaselinePredictor baseline;
    private final ActiveModel<EngagementModel> active;

    @Autowired
    ModelPredictor(JdbcModelRepository models, BaselinePredictor baseline) {
        this(models, baseline, EngagementModels::read);
    }

    /** With the reader of stored models given (a test's models). */
    ModelPredictor(JdbcModelRepository models, BaselinePredictor baseline, Function<byte[], EngagementModel> reader) {
        this.baseline = baseline;
        this.active = new ActiveModel<>(
                JdbcModelRepository.ENGAGEMENT,
                "the baseline",
                models,
                reader,
                model -> "predictions (" + model.algorithm() + ")");
    }

    @Override
    public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
        ActiveModel.Serving<EngagementModel> answering = active.current();
        return answering.model() == null
                ? baseline.predict(timeline, sendTimes)
                : answering.model().predict(timeline, sendTimes);
    }

    @Override
    public Long modelId() {
        return active.current().modelId();
    }

    /** The model answering, empty for the baseline. */
    public Optional<EngagementModel> model() {
        return Optional.ofNullable(active.current().model());
    }

    @Scheduled(
            fixedDelayString = "${iabulk.intelligence.models.check-interval:5s}",
            initialDelayString = "${iabulk.intelligence.models.check-interval:5s}")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not check which model is active; the current one keeps answering: {}", e.toString());
        }
    }

    /** Reads which model is active and swaps to it when it is not the one answering. */
    public void refresh() {
        active.refresh();
    }
}
