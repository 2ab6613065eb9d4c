package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import java.time.Instant;
import java.util.List;

/**
 * A trained and calibrated engagement model: P(human open) and P(human click) within 72 h of a send,
 * scored by plain Java (no native call per contact) and safe to share between threads. Everything it
 * needs is inside it (the population rates its features shrink towards are frozen at training), so
 * the bytes stored in the registry are the whole model.
 */
public interface EngagementModel {

    /** {@code gradient-boosted-trees} or {@code logistic-regression}. */
    String algorithm();

    /** The names of its features, in the order it reads them (docs/decisions/0019, "Features"). */
    List<String> features();

    /**
     * The probabilities of a send to this contact at each of the given times, each from what had
     * happened before that time only. The answers are in the order of the times asked.
     */
    List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes);

    /** The model as bytes for the registry; {@link EngagementModels#read} gives it back. */
    byte[] toBytes();
}
