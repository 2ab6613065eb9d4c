package io.iabulk.intelligence.predictions;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A contact's predicted engagement for a send at one time.
 *
 * @param openProbability P(human open within 72 h) of a send at the time asked ({@code at})
 * @param clickProbability P(human click within 72 h) of a send at that time
 * @param engagementScore the contact's percentile among the active contacts by mean P(open) over
 *     the hours of a week, 0 to 100; null until the first scoring run has ranked anyone
 * @param tier HIGH (score 80 and up), MEDIUM (40 to 79), LOW, or DORMANT (low, and mailed for 90
 *     days without a human open or click in them); null like the score
 * @param bestHours the three hours of the coming week with the highest P(open), best first
 * @param timeZone the zone of {@code bestHours} (the contact's, UTC when it has none)
 * @param modelId the model that predicted, null for the baseline
 * @param source {@code model} or {@code baseline}
 * @param computedAt when the probabilities were computed: the scoring run's time, or now when the
 *     time asked lies outside the week that run stored
 */
public record ContactPrediction(
        long contactId,

        @Schema(minimum = "0", maximum = "1", example = "0.2731")
        double openProbability,

        @Schema(minimum = "0", maximum = "1", example = "0.0412")
        double clickProbability,

        @Schema(minimum = "0", maximum = "100", example = "73", nullable = true)
        Integer engagementScore,

        @Schema(nullable = true) Tier tier,
        List<BestHour> bestHours,
        @Schema(example = "Europe/Paris") String timeZone,
        @Schema(nullable = true) Long modelId,
        @Schema(allowableValues = {"model", "baseline"}) String source,
        Instant computedAt) {}
