package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.EngagementTimelines;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Trains the engagement model on a time split of every active contact's timeline: examples are the
 * sends whose 72 h window had closed at {@code now}; the last {@code validationFraction} of their
 * time range validates, the sends before it (less the 72 h before the cut-off, whose outcomes were
 * not known at the cut-off) train. Each candidate algorithm is fitted and calibrated on the training
 * part and measured on the validation part; the better one (log-loss first) is returned with its
 * metrics, the baseline's and, when an active model is given, the active model's on the same
 * validation examples (the activation rule compares those).
 */
public interface EngagementTrainer {

    Outcome train(
            EngagementTimelines timelines, Instant now, Settings settings, EngagementModel active, Progress progress);

    /**
     * @param minSends fewer examples than this: no model (the minimum-data rule)
     * @param minOpens fewer positive (opened) examples than this: no model
     * @param validationFraction the share of the examples' time range that validates (0.2)
     * @param threads the training threads (bounded so sending and tracking keep theirs)
     * @param maxExamples the most examples learnt from, a memory bound (above it, a repeatable sample of the contacts, each with all its sends)
     */
    record Settings(long minSends, long minOpens, double validationFraction, int threads, long maxExamples) {}

    /** Told what the run is doing, for the job resource and the logs. */
    interface Progress {
        void stage(String stage, long done, long total);

        Progress NONE = (stage, done, total) -> {};
    }

    /** A time range and the examples (and positives: opens) in it. */
    record Window(Instant from, Instant to, long examples, long positives) {}

    /** The metrics of one scorer on the validation examples, for both targets. */
    record Evaluation(Metrics.Report open, Metrics.Report click) {}

    /**
     * What a run gave.
     *
     * @param model the chosen model, or null when there was not enough data (see {@code reason})
     * @param reason why no model was trained, null when one was
     * @param metrics the model's metrics on the validation examples
     * @param baseline the recency/frequency baseline's on the same examples
     * @param active the given active model's on the same examples, null when none was given
     * @param provenance what produced it: candidates and their validation metrics, parameters,
     *     durations, library version (shown as is by the registry)
     */
    record Outcome(
            EngagementModel model,
            String reason,
            Window trainedOn,
            Window validatedOn,
            Evaluation metrics,
            Evaluation baseline,
            Evaluation active,
            Map<String, Object> provenance) {

        public boolean trained() {
            return model != null;
        }

        public List<String> features() {
            return model == null ? List.of() : model.features();
        }
    }
}
