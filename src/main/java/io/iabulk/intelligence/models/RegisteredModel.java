package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A model of the registry as the API shows it (docs/decisions/0019, "Registry, training runs and
 * activation"). The metrics are measured on the validation examples ({@code validatedOn}): the
 * model's and the baseline's, for the open target ({@code metrics}, {@code baseline}) and the click
 * target ({@code clickMetrics}, {@code clickBaseline}).
 */
public record RegisteredModel(
        long id,
        @Schema(description = "`engagement`") String kind,

        @Schema(description = "`gradient-boosted-trees` or `logistic-regression`")
        String algorithm,

        ModelStatus status,
        Instant createdAt,

        @Schema(description = "The sends it was trained on: their time range, count and opened count")
        Window trainedOn,

        @Schema(description = "The later sends it was validated on (a time split)")
        Window validatedOn,

        @Schema(description = "Its features, in the order it reads them")
        List<String> features,

        @Schema(description = "P(open): the model's metrics on the validation sends")
        ModelMetrics metrics,

        @Schema(description = "P(open): the recency/frequency baseline's metrics on the same sends")
        ModelMetrics baseline,

        @Schema(description = "P(click): the model's metrics on the validation sends")
        ModelMetrics clickMetrics,

        @Schema(description = "P(click): the baseline's metrics on the same sends")
        ModelMetrics clickBaseline,

        @Schema(
                description = "What produced it: the trainer's candidates, parameters, durations and "
                        + "library, the training job, and the activation decision (`activation`)")
        Map<String, Object> provenance) {}
