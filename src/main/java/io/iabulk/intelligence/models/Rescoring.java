package io.iabulk.intelligence.models;

import io.iabulk.intelligence.predictions.ScoringProperties;
import io.iabulk.intelligence.predictions.ScoringWorker;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After an activation on this instance: the predictor swaps at once, then every active contact is
 * scored again in the background ({@code ScoringWorker.runIfDue}, which sees that the model is not
 * the one of its last run) rather than at the worker's next check. Activations in a burst are
 * coalesced: one run waiting at most. Only where the scheduled scoring is on (the run is the
 * scheduled one, brought forward).
 */
@Component
class Rescoring {

    private static final Logger log = LoggerFactory.getLogger(Rescoring.class);

    private final ModelPredictor predictor;
    private final ScoringWorker scoring;
    private final ScoringProperties properties;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1),
            Thread.ofPlatform().name("model-rescoring-", 1).daemon(true).factory(),
            new ThreadPoolExecutor.DiscardPolicy());

    Rescoring(ModelPredictor predictor, ScoringWorker scoring, ScoringProperties properties) {
        this.predictor = predictor;
        this.scoring = scoring;
        this.properties = properties;
    }

    @EventListener
    void activated(ModelActivated event) {
        if (!JdbcModelRepository.ENGAGEMENT.equals(event.kind())) {
            return; // another kind's model: the contacts' engagement scores do not change
        }
        predictor.refresh();
        if (properties.enabled()) {
            executor.execute(this::rescore);
        }
    }

    private void rescore() {
        try {
            scoring.runIfDue()
                    .ifPresent(run -> log.info(
                            "Scored {} contacts with model {} after its activation", run.contacts(), run.modelId()));
        } catch (RuntimeException e) {
            log.warn("Scoring after an activation failed; the scoring worker tries again at its next check", e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
