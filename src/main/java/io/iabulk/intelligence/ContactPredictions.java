package io.iabulk.intelligence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A contact's predicted engagement, for the pages that show it (the console's contact page): the
 * same answer as {@code GET /api/v1/contacts/{id}/predictions}.
 */
public interface ContactPredictions {

    /** The contact's prediction for a send now, or empty when it is not a contact (erased, unknown). */
    Optional<Prediction> now(long contactId);

    /**
     * @param openProbability P(human open within 72 h) of a send now
     * @param clickProbability P(human click within 72 h) of a send now
     * @param engagementScore percentile among the active contacts, 0 to 100, or null before the first
     *     scoring run
     * @param tier HIGH, MEDIUM, LOW or DORMANT, or null like the score
     * @param bestHours the best hours of the coming week in {@code timeZone}, best first
     * @param modelId the model that predicted, null for the baseline
     * @param source {@code model} or {@code baseline}
     * @param computedAt when the probabilities were computed
     */
    record Prediction(
            double openProbability,
            double clickProbability,
            Integer engagementScore,
            String tier,
            List<Hour> bestHours,
            String timeZone,
            Long modelId,
            String source,
            Instant computedAt) {}

    /** A local hour of a day of the week and P(open) of a send then. */
    record Hour(DayOfWeek dayOfWeek, int hour, double openProbability) {}
}
