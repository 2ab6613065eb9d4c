package io.iabulk.intelligence.models;

import io.iabulk.intelligence.models.TrainingJob.Progress;
import io.iabulk.intelligence.models.TrainingJob.Status;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Training jobs and the training lease (a kind's row of model_kinds), in SQL. */
@Repository
class JdbcTrainingJobRepository {

    static final int MAX_ERROR = 2000;

    private static final String COLUMNS =
            "id, kind, status, triggered_by, model_id, error, started_at, finished_at, stage, done, total";

    private final JdbcClient jdbc;

    JdbcTrainingJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the lease

    /** Who holds a kind's training lease, until when, for which job. */
    record Lease(String holder, Instant until, Long jobId) {

        boolean heldAt(Instant now) {
            return holder != null && until != null && until.isAfter(now);
        }
    }

    /** The kind's lease as it stands, without a lock. */
    Lease lease(String kind) {
        return jdbc.sql("SELECT holder, lease_until, job_id FROM model_kinds WHERE kind = :kind")
                .param("kind", kind)
                .query((rs, n) -> new Lease(rs.getString(1), instant(rs, 2), rs.getObject(3, Long.class)))
                .single();
    }

    /** The kind's lease, its row locked until the transaction ends (so that it is taken once). */
    Lease lockLease(String kind) {
        // the kind's row by primary key, locked: two instances starting a run at once take turns here
        return jdbc.sql("SELECT holder, lease_until, job_id FROM model_kinds WHERE kind = :kind FOR UPDATE")
                .param("kind", kind)
                .query((rs, n) -> new Lease(rs.getString(1), instant(rs, 2), rs.getObject(3, Long.class)))
                .single();
    }

    void takeLease(String kind, String holder, Instant until, long jobId) {
        jdbc.sql("UPDATE model_kinds SET holder = :holder, lease_until = :until, job_id = :job WHERE kind = :kind")
                .param("holder", holder)
                .param("until", Timestamp.from(until))
                .param("job", jobId)
                .param("kind", kind)
                .update();
    }

    /** Extends the lease while it is still this holder's for this job; false when it was lost. */
    boolean renew(String kind, String holder, long jobId, Instant until) {
        return jdbc.sql("""
                        UPDATE model_kinds SET lease_until = :until
                        WHERE kind = :kind AND holder = :holder AND job_id = :job
                        """)
                        .param("until", Timestamp.from(until))
                        .param("kind", kind)
                        .param("holder", holder)
                        .param("job", jobId)
                        .update()
                == 1;
    }

    /**
     * Frees the lease if this holder still holds it for this job; false when it does not (it expired
     * and another instance took it, or marked the job FAILED). The update locks the kind's row.
     */
    boolean release(String kind, String holder, long jobId) {
        return jdbc.sql("""
                        UPDATE model_kinds SET holder = NULL, lease_until = NULL, job_id = NULL
                        WHERE kind = :kind AND holder = :holder AND job_id = :job
                        """)
                        .param("kind", kind)
                        .param("holder", holder)
                        .param("job", jobId)
                        .update()
                == 1;
    }

    /** Frees the lease whoever holds it (its holder stopped: the lease expired). */
    void clearLease(String kind) {
        jdbc.sql("UPDATE model_kinds SET holder = NULL, lease_until = NULL, job_id = NULL WHERE kind = :kind")
                .param("kind", kind)
                .update();
    }

    // ---- jobs

    long insert(String kind, Trigger trigger, String holder, Instant startedAt) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO training_jobs (kind, status, triggered_by, holder, started_at)
                VALUES (:kind, 'RUNNING', :trigger, :holder, :at)
                """)
                .param("kind", kind)
                .param("trigger", trigger.name())
                .param("holder", holder)
                .param("at", Timestamp.from(startedAt))
                .update(key, "id");
        return key.getKey().longValue();
    }

    Optional<TrainingJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE id = :id")
                .param("id", id)
                .query(JdbcTrainingJobRepository::job)
                .optional();
    }

    /** Newest first below {@code before} (null: from the newest), keyset-paged by id. */
    List<TrainingJob> newestFirst(Long before, int limit) {
        return newestFirst(null, before, limit);
    }

    /** As {@link #newestFirst(Long, int)}, of one kind only (null: every kind). */
    List<TrainingJob> newestFirst(String kind, Long before, int limit) {
        // the primary key backwards (jobs are few: about one a day per kind)
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE id < :before"
                        + (kind == null ? "" : " AND kind = :kind") + " ORDER BY id DESC LIMIT :limit")
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("kind", kind == null ? "" : kind)
                .param("limit", limit)
                .query(JdbcTrainingJobRepository::job)
                .list();
    }

    /** The kind's latest job, whatever its status. */
    Optional<TrainingJob> latest(String kind) {
        // the primary key backwards: jobs are few (about one a day)
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_jobs WHERE kind = :kind ORDER BY id DESC LIMIT 1")
                .param("kind", kind)
                .query(JdbcTrainingJobRepository::job)
                .optional();
    }

    void progress(long id, String stage, long done, long total) {
        jdbc.sql(
                        "UPDATE training_jobs SET stage = :stage, done = :done, total = :total WHERE id = :id AND status = 'RUNNING'")
                .param("stage", stage.length() > 60 ? stage.substring(0, 60) : stage)
                .param("done", done)
                .param("total", total)
                .param("id", id)
                .update();
    }

    void succeed(long id, long modelId, Instant finishedAt) {
        jdbc.sql("""
                UPDATE training_jobs SET status = 'SUCCEEDED', model_id = :model, finished_at = :at
                WHERE id = :id AND status = 'RUNNING'
                """)
                .param("model", modelId)
                .param("at", Timestamp.from(finishedAt))
                .param("id", id)
                .update();
    }

    /** Marks a RUNNING job FAILED; false when it had already ended. */
    boolean fail(long id, String error, Instant finishedAt) {
        return jdbc.sql("""
                        UPDATE training_jobs SET status = 'FAILED', error = :error, finished_at = :at
                        WHERE id = :id AND status = 'RUNNING'
                        """)
                        .param("error", error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error)
                        .param("at", Timestamp.from(finishedAt))
                        .param("id", id)
                        .update()
                == 1;
    }

    private static TrainingJob job(ResultSet rs, int row) throws SQLException {
        String stage = rs.getString("stage");
        return new TrainingJob(
                rs.getLong("id"),
                rs.getString("kind"),
                Status.valueOf(rs.getString("status")),
                Trigger.valueOf(rs.getString("triggered_by")),
                rs.getObject("model_id", Long.class),
                rs.getString("error"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                stage == null ? null : new Progress(stage, rs.getLong("done"), rs.getLong("total")));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
