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
 * target ({@code clickMetrics}, {@code clickBaseline}). A {@code referral-risk} model
 * (docs/decisions/0028) is measured on held-out operators' decisions against the rules' score
 * ({@code baseline}); it has no click target (null).
 */
public record RegisteredModel(
        long id,

        @Schema(description = "`engagement` or `referral-risk`")
        String kind,

        @Schema(description = "`gradient-boosted-trees` or `logistic-regression`")
        String algorithm,

        ModelStatus status,
        Instant createdAt,

        @Schema(
                description = "The examples it was trained on: their time range, count and positives (engagement: "
                        + "sends and opened ones; referral-risk: operators' decisions and rejections)")
        Window trainedOn,

        @Schema(description = "The later examples it was validated on (a time split)")
        Window validatedOn,

        @Schema(description = "Its features, in the order it reads them")
        List<String> features,

        @Schema(
                description = "The model's metrics on the validation examples: P(open) of a send, or P(rejected) of a "
                        + "held referral")
        ModelMetrics metrics,

        @Schema(
                description = "On the same examples: the recency/frequency baseline's P(open), or the rules' risk "
                        + "score read as P(rejected)")
        ModelMetrics baseline,

        @Schema(description = "P(click): the model's metrics on the validation sends; null for referral-risk")
        ModelMetrics clickMetrics,

        @Schema(description = "P(click): the baseline's metrics on the same sends; null for referral-risk")
        ModelMetrics clickBaseline,

        @Schema(
                description = "What produced it: the trainer's candidates, parameters, durations and "
                        + "library, the training job, and the activation decision (`activation`)")
        Map<String, Object> provenance) {}
