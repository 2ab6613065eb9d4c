package io.iabulk.intelligence.predictions;

import io.iabulk.campaigns.PersonalisationSource;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Scores;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The template variable {@code predictions}: {@code tier}, {@code engagementScore}, {@code
 * openProbability} and {@code clickProbability} as stored by the last scoring (one query per batch
 * of messages). Absent for a contact not scored yet, so {@code {{predictions.tier}}} renders empty.
 */
@Component
class PredictionVariables implements PersonalisationSource {

    static final String NAME = "predictions";

    private final JdbcPredictionRepository repository;

    PredictionVariables(JdbcPredictionRepository repository) {
        this.repository = repository;
    }

    @Override
    public Set<String> names() {
        return Set.of(NAME);
    }

    @Override
    public Map<Long, Map<String, Object>> variables(Collection<Long> contactIds) {
        Map<Long, Map<String, Object>> variables = new HashMap<>();
        repository.scores(contactIds).forEach((id, scores) -> variables.put(id, Map.of(NAME, fields(scores))));
        return variables;
    }

    /** The fields, as campaigns' TemplateVariables.PREDICTIONS_FIELDS lists them. */
    static Map<String, Object> fields(Scores scores) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tier", scores.tier());
        fields.put("engagementScore", scores.score());
        // decimals as written (0.0001, never 1.0E-4)
        fields.put("openProbability", Predictions.decimal(scores.open()));
        fields.put("clickProbability", Predictions.decimal(scores.click()));
        return fields;
    }
}
