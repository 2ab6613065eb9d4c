package io.iabulk.intelligence;

import java.time.Instant;
import java.util.List;

/**
 * The active engagement model, or the baseline while no model is active (below the minimum data,
 * or before the first training): each instance swaps it without a restart when another model
 * becomes active.
 */
public interface EngagementPredictor {

    /**
     * The probabilities of a human open and a human click within 72 h of a send to this contact at
     * each of the given times, using only what happened before each time.
     */
    List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes);

    /** The id of the model answering, or null for the baseline. */
    Long modelId();

    /** {@code model} or {@code baseline}. */
    default String source() {
        return modelId() == null ? "baseline" : "model";
    }

    /** P(open) and P(click) of one send. */
    record SendProbabilities(Instant sendTime, double open, double click) {}
}
