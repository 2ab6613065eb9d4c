package io.iabulk.intelligence.models;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.learning.EngagementModel;
import io.iabulk.intelligence.learning.EngagementModels;
import io.iabulk.intelligence.predictions.BaselinePredictor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    private final JdbcModelRepository models;
    private final BaselinePredictor baseline;
    private final Function<byte[], EngagementModel> reader;

    /** What answers: a model and its id, or the baseline (both null); null before the first read. */
    private volatile Serving serving;

    /** An active model whose bytes could not be read here: not read again until another is active. */
    private volatile Long unreadable;

    private record Serving(Long modelId, EngagementModel model) {}

    private static final Serving BASELINE = new Serving(null, null);

    @Autowired
    ModelPredictor(JdbcModelRepository models, BaselinePredictor baseline) {
        this(models, baseline, EngagementModels::read);
    }

    /** With the reader of stored models given (a test's models). */
    ModelPredictor(JdbcModelRepository models, BaselinePredictor baseline, Function<byte[], EngagementModel> reader) {
        this.models = models;
        this.baseline = baseline;
        this.reader = reader;
    }

    @Override
    public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
        Serving answering = current();
        return answering.model() == null
                ? baseline.predict(timeline, sendTimes)
                : answering.model().predict(timeline, sendTimes);
    }

    @Override
    public Long modelId() {
        return current().modelId();
    }

    /** The model answering, empty for the baseline. */
    public Optional<EngagementModel> model() {
        return Optional.ofNullable(current().model());
    }

    private Serving current() {
        Serving answering = serving;
        if (answering == null) {
            refresh();
            answering = serving;
        }
        return answering;
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

    /**
     * Reads which model is active and swaps to it when it is not the one answering (reading its
     * bytes once). A model that cannot be read here is logged once and the one answering stays
     * (the baseline, on the first read).
     */
    public synchronized void refresh() {
        Long active = models.activeId(JdbcModelRepository.ENGAGEMENT).orElse(null);
        Serving answering = serving;
        if (answering != null && Objects.equals(answering.modelId(), active)) {
            return;
        }
        if (active == null) {
            serving = BASELINE;
            unreadable = null;
            log.info("No model is active: predictions come from the baseline");
            return;
        }
        if (active.equals(unreadable)) {
            return;
        }
        try {
            byte[] bytes = models.bytes(active).orElseThrow(() -> new IllegalStateException("no model " + active));
            EngagementModel model = reader.apply(bytes);
            serving = new Serving(active, model);
            unreadable = null;
            log.info("Model {} ({}) now answers predictions", active, model.algorithm());
        } catch (RuntimeException e) {
            unreadable = active;
            if (answering == null) {
                serving = BASELINE;
            }
            log.error(
                    "The active model {} cannot be read by this instance; {} keeps answering",
                    active,
                    serving.modelId() == null ? "the baseline" : "model " + serving.modelId(),
                    e);
        }
    }
}
