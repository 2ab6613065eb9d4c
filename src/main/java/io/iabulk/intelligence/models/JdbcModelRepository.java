package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The models of the registry, in SQL; their metrics, features and provenance as JSON text. */
@Repository
class JdbcModelRepository {

    /** P(open) and P(click) of a contact at a send time (docs/decisions/0019). */
    static final String ENGAGEMENT = "engagement";

    /** P(an operator rejects a referral held for its risk) (docs/decisions/0028). */
    static final String REFERRAL_RISK = "referral-risk";

    /** Every kind, as {@code model_kinds} holds them. */
    static final List<String> KINDS = List.of(ENGAGEMENT, REFERRAL_RISK);

    private static final String COLUMNS = """
            id, kind, algorithm, status, created_at, trained_from, trained_to, trained_examples, trained_positives,
            validated_from, validated_to, validated_examples, validated_positives, features, metrics, baseline,
            click_metrics, click_baseline, provenance
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcModelRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A model to store: everything the API shows, and the model itself. The click metrics are null
     * for a kind with one target (referral-risk).
     */
    record NewModel(
            String kind,
            String algorithm,
            ModelStatus status,
            Instant createdAt,
            long trainingJobId,
            Window trainedOn,
            Window validatedOn,
            List<String> features,
            ModelMetrics metrics,
            ModelMetrics baseline,
            ModelMetrics clickMetrics,
            ModelMetrics clickBaseline,
            Map<String, Object> provenance,
            byte[] bytes) {}

    /** Stores a model; an ACTIVE one only after the kind's active model was retired (the unique constraint). */
    long insert(NewModel model) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        boolean active = model.status() == ModelStatus.ACTIVE;
        jdbc.sql("""
                INSERT INTO models (kind, algorithm, status, active_kind, created_at, activated_at, training_job_id,
                    trained_from, trained_to, trained_examples, trained_positives, validated_from, validated_to,
                    validated_examples, validated_positives, features, metrics, baseline, click_metrics,
                    click_baseline, provenance, model)
                VALUES (:kind, :algorithm, :status, :activeKind, :createdAt, :activatedAt, :job, :trainedFrom,
                    :trainedTo, :trainedExamples, :trainedPositives, :validatedFrom, :validatedTo, :validatedExamples,
                    :validatedPositives, :features, :metrics, :baseline, :clickMetrics, :clickBaseline, :provenance,
                    :model)
                """)
                .param("kind", model.kind())
                .param("algorithm", model.algorithm())
                .param("status", model.status().name())
                .param("activeKind", active ? model.kind() : null, Types.VARCHAR)
                .param("createdAt", Timestamp.from(model.createdAt()))
                .param("activatedAt", active ? Timestamp.from(model.createdAt()) : null, Types.TIMESTAMP)
                .param("job", model.trainingJobId())
                .param("trainedFrom", timestamp(model.trainedOn().from()), Types.TIMESTAMP)
                .param("trainedTo", timestamp(model.trainedOn().to()), Types.TIMESTAMP)
                .param("trainedExamples", model.trainedOn().examples())
                .param("trainedPositives", model.trainedOn().positives())
                .param("validatedFrom", timestamp(model.validatedOn().from()), Types.TIMESTAMP)
                .param("validatedTo", timestamp(model.validatedOn().to()), Types.TIMESTAMP)
                .param("validatedExamples", model.validatedOn().examples())
                .param("validatedPositives", model.validatedOn().positives())
                .param("features", json.writeValueAsString(model.features()))
                .param("metrics", json.writeValueAsString(model.metrics()))
                .param("baseline", json.writeValueAsString(model.baseline()))
                .param("clickMetrics", json.writeValueAsString(model.clickMetrics()))
                .param("clickBaseline", json.writeValueAsString(model.clickBaseline()))
                .param("provenance", json.writeValueAsString(model.provenance()))
                .param("model", model.bytes())
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<RegisteredModel> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM models WHERE id = :id")
                .param("id", id)
                .query(this::model)
                .optional();
    }

    /** Newest first: the models whose id is below {@code before} (null: from the newest), keyset-paged. */
    List<RegisteredModel> newestFirst(Long before, int limit) {
        return newestFirst(null, before, limit);
    }

    /** As {@link #newestFirst(Long, int)}, of one kind only (null: every kind). */
    List<RegisteredModel> newestFirst(String kind, Long before, int limit) {
        // the primary key backwards from the cursor (models are few: a kind's filter reads past the
        // others); the model bytes are not read
        return jdbc.sql("SELECT " + COLUMNS + " FROM models WHERE id < :before"
                        + (kind == null ? "" : " AND kind = :kind") + " ORDER BY id DESC LIMIT :limit")
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("kind", kind == null ? "" : kind)
                .param("limit", limit)
                .query(this::model)
                .list();
    }

    /** A model's kind. */
    Optional<String> kind(long id) {
        return jdbc.sql("SELECT kind FROM models WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** The kind's ACTIVE model, if any: one probe of the unique index on active_kind. */
    Optional<Long> activeId(String kind) {
        return jdbc.sql("SELECT id FROM models WHERE active_kind = :kind")
                .param("kind", kind)
                .query(Long.class)
                .optional();
    }

    Optional<ModelStatus> status(long id) {
        return jdbc.sql("SELECT status FROM models WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> ModelStatus.valueOf(rs.getString(1)))
                .optional();
    }

    /** The stored model itself. */
    Optional<byte[]> bytes(long id) {
        return jdbc.sql("SELECT model FROM models WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /**
     * Locks the kind's row until the transaction ends: every change of the active model takes this
     * lock first, so two never interleave (the unique constraint would refuse the second one's
     * activation instead of serializing it).
     */
    void lockKind(String kind) {
        jdbc.sql("SELECT kind FROM model_kinds WHERE kind = :kind FOR UPDATE")
                .param("kind", kind)
                .query(String.class)
                .single();
    }

    /** The kind's ACTIVE model becomes RETIRED; the number of rows changed (0 or 1). */
    int retireActive(String kind) {
        return jdbc.sql("UPDATE models SET status = 'RETIRED', active_kind = NULL WHERE active_kind = :kind")
                .param("kind", kind)
                .update();
    }

    /** A CANDIDATE or RETIRED model becomes ACTIVE (after {@link #retireActive}). */
    void activate(long id, Instant at) {
        jdbc.sql("UPDATE models SET status = 'ACTIVE', active_kind = kind, activated_at = :at WHERE id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    private RegisteredModel model(ResultSet rs, int row) throws SQLException {
        return new RegisteredModel(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("algorithm"),
                ModelStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                new Window(
                        instant(rs, "trained_from"),
                        instant(rs, "trained_to"),
                        rs.getLong("trained_examples"),
                        rs.getLong("trained_positives")),
                new Window(
                        instant(rs, "validated_from"),
                        instant(rs, "validated_to"),
                        rs.getLong("validated_examples"),
                        rs.getLong("validated_positives")),
                json.readValue(rs.getString("features"), new TypeReference<List<String>>() {}),
                json.readValue(rs.getString("metrics"), ModelMetrics.class),
                json.readValue(rs.getString("baseline"), ModelMetrics.class),
                json.readValue(rs.getString("click_metrics"), ModelMetrics.class),
                json.readValue(rs.getString("click_baseline"), ModelMetrics.class),
                json.readValue(rs.getString("provenance"), new TypeReference<Map<String, Object>>() {}));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
