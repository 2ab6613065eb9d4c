package io.iabulk.intelligence.predictions;

import io.iabulk.campaigns.SegmentFieldSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Segment conditions on the stored predictions: {@code predictions.openProbability}, {@code
 * .clickProbability} (the means over the week's hours, 0 to 1), {@code .engagementScore} (0 to 100)
 * and {@code .tier}. A contact without stored predictions (not scored yet, or not active at the
 * last run) matches none of them, whatever the operator.
 */
@Component
class PredictionSegmentFields implements SegmentFieldSource {

    private static final List<String> NUMBER_OPS = List.of("eq", "gt", "gte", "lt", "lte");
    private static final Map<String, String> COLUMNS = Map.of(
            "predictions.openProbability", "open_probability",
            "predictions.clickProbability", "click_probability",
            "predictions.engagementScore", "engagement_score",
            "predictions.tier", "tier");
    private static final Map<String, String> OPERATORS =
            Map.of("eq", "=", "gt", ">", "gte", ">=", "lt", "<", "lte", "<=");

    private static final String NOT_SCORED = " A contact not scored yet matches no condition on predictions.";

    @Override
    public List<Field> fields() {
        return List.of(
                Field.number(
                        "predictions.openProbability",
                        "predicted probabilities",
                        NUMBER_OPS,
                        0,
                        1,
                        false,
                        "P(human open within 72 h) of a send at a typical hour of the coming week (the mean over its "
                                + "168 hours), as of the last scoring; `predictions.clickProbability` likewise."
                                + NOT_SCORED),
                Field.number(
                        "predictions.clickProbability",
                        "predicted probabilities",
                        NUMBER_OPS,
                        0,
                        1,
                        false,
                        "P(human click within 72 h) of a send at a typical hour of the coming week." + NOT_SCORED),
                Field.number(
                        "predictions.engagementScore",
                        "engagement score",
                        NUMBER_OPS,
                        0,
                        100,
                        true,
                        "The contact's percentile among active contacts by predicted P(open), 0 to 100." + NOT_SCORED),
                Field.choice(
                        "predictions.tier",
                        "engagement tier",
                        List.of("eq", "in"),
                        Arrays.stream(Tier.values()).map(Enum::name).toList(),
                        "HIGH (score 80 and up), MEDIUM (40 to 79), LOW, DORMANT (low, and mailed for the dormancy "
                                + "period without a human open or click)." + NOT_SCORED));
    }

    @Override
    public String sql(String field, String op, String value) {
        String column = COLUMNS.get(field);
        if (column == null) {
            throw new IllegalArgumentException("Not a predictions field: " + field);
        }
        String condition =
                op.equals("in") ? column + " IN (" + value + ")" : column + " " + OPERATORS.get(op) + " " + value;
        // the contact ids of the matching predictions (a hash semi-join over the narrow table)
        return "c.id IN (SELECT contact_id FROM contact_predictions WHERE " + condition + ")";
    }
}
