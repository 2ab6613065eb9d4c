package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.predictions.Scorer.Scored;
import io.iabulk.platform.Databases;
import io.iabulk.platform.JobLease;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stored predictions, scoring runs and the scoring lease, in SQL. */
@Repository
class JdbcPredictionRepository {

    static final String LEASE = "scoring";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    JdbcPredictionRepository(
            JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactions);
        this.postgres = Databases.isPostgres(dataSource);
    }

    // ---- the lease

    /** Takes (or renews) the scoring lease when it is free, expired or already this holder's. */
    boolean lease(String holder, Instant until, Instant now) {
        return new JobLease(jdbc, "prediction_lease", LEASE).take(holder, until, now);
    }

    void release(String holder) {
        new JobLease(jdbc, "prediction_lease", LEASE).release(holder);
    }

    // ---- runs

    /** A scoring run. */
    record Run(
            long id,
            Instant startedAt,
            Instant finishedAt,
            String status,
            String reason,
            Long modelId,
            String source,
            long contacts,
            long failed,
            ScoreFloors floors,
            String population,
            String error) {}

    long startRun(Instant startedAt, String reason, Long modelId, String source) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO prediction_runs (started_at, status, reason, model_id, source)
                VALUES (:at, 'RUNNING', :reason, :model, :source)
                """)
                .param("at", Timestamp.from(startedAt))
                .param("reason", reason)
                .param("model", modelId, Types.BIGINT)
                .param("source", source)
                .update(key, "id");
        return key.getKey().longValue();
    }

    /**
     * Fails the runs still marked RUNNING. Called by the lease's new holder before its own run: only
     * a lease holder runs, so such a run's instance stopped mid-run (a crash, a kill) and would
     * otherwise show as running forever. Returns how many there were.
     */
    int abandonRunning(Instant at) {
        return jdbc.sql("""
                        UPDATE prediction_runs SET status = 'FAILED', finished_at = :at,
                            error = 'abandoned: its instance stopped before the run finished'
                        WHERE status = 'RUNNING'
                        """).param("at", Timestamp.from(at)).update();
    }

    void succeed(long run, Instant finishedAt, long contacts, long failed, ScoreFloors floors, String population) {
        jdbc.sql("""
                UPDATE prediction_runs SET status = 'SUCCEEDED', finished_at = :at, contacts = :contacts,
                    failed = :failed, score_floors = :floors, population = :population
                WHERE id = :id
                """)
                .param("at", Timestamp.from(finishedAt))
                .param("contacts", contacts)
                .param("failed", failed)
                .param("floors", floors.encode())
                .param("population", population)
                .param("id", run)
                .update();
    }

    void fail(long run, Instant finishedAt, String error) {
        jdbc.sql("UPDATE prediction_runs SET status = 'FAILED', finished_at = :at, error = :error WHERE id = :id")
                .param("at", Timestamp.from(finishedAt))
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("id", run)
                .update();
    }

    /** The latest run that finished well, or empty before the first. */
    Optional<Run> latestSucceeded() {
        return latest("WHERE status = 'SUCCEEDED'");
    }

    /** The latest run, whatever its status. */
    Optional<Run> latestAttempt() {
        return latest("");
    }

    private Optional<Run> latest(String where) {
        // the primary key backwards: runs are few (one a day), this reads one row
        return jdbc.sql("""
                        SELECT id, started_at, finished_at, status, reason, model_id, source, contacts, failed,
                               score_floors, population, error
                        FROM prediction_runs %s ORDER BY id DESC LIMIT 1
                        """.formatted(where))
                .query((rs, row) -> new Run(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, Long.class),
                        rs.getString(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        ScoreFloors.decode(rs.getString(10)),
                        rs.getString(11),
                        rs.getString(12)))
                .optional();
    }

    // ---- writes of a run

    /** Writes a batch of a run's scored contacts: one statement (PostgreSQL) or one JDBC batch (H2). */
    void write(long run, Long modelId, String source, Instant computedAt, Collection<Scored> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (postgres) {
            writeArrays(run, modelId, source, computedAt, batch);
        } else {
            writeBatch(run, modelId, source, computedAt, batch);
        }
    }

    private void writeArrays(long run, Long modelId, String source, Instant computedAt, Collection<Scored> batch) {
        int n = batch.size();
        Long[] ids = new Long[n];
        String[] zones = new String[n];
        Double[] opens = new Double[n];
        Double[] clicks = new Double[n];
        Boolean[] silent = new Boolean[n];
        byte[][] hours = new byte[n][];
        int i = 0;
        for (Scored s : batch) {
            ids[i] = s.contactId();
            zones[i] = s.timeZone();
            opens[i] = s.open();
            clicks[i] = s.click();
            silent[i] = s.silent();
            hours[i] = s.hours().bytes();
            i++;
        }
        // the batch as arrays, unnested: one statement and one round trip per batch; the upsert
        // probes the primary key once per row. The commit does not wait for the WAL flush: these
        // rows are derived, and a run cut short by a crash is run again (it never ranks)
        transactions.executeWithoutResult(status -> template.execute((Connection connection) -> {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL synchronous_commit = off");
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO contact_prediction_hours (contact_id, run_id, model_id, source, computed_at, time_zone,
                        open_probability, click_probability, silent, hours)
                    SELECT u.id, ?, ?, ?, ?, u.zone, u.open, u.click, u.silent, u.hours
                    FROM unnest(?, ?, ?, ?, ?, ?) AS u(id, zone, open, click, silent, hours)
                    ON CONFLICT (contact_id) DO UPDATE SET run_id = EXCLUDED.run_id, model_id = EXCLUDED.model_id,
                        source = EXCLUDED.source, computed_at = EXCLUDED.computed_at, time_zone = EXCLUDED.time_zone,
                        open_probability = EXCLUDED.open_probability, click_probability = EXCLUDED.click_probability,
                        silent = EXCLUDED.silent, hours = EXCLUDED.hours
                    """)) {
                upsert.setLong(1, run);
                upsert.setObject(2, modelId, Types.BIGINT);
                upsert.setString(3, source);
                upsert.setTimestamp(4, Timestamp.from(computedAt));
                Array[] arrays = {
                    connection.createArrayOf("bigint", ids),
                    connection.createArrayOf("varchar", zones),
                    connection.createArrayOf("float8", opens),
                    connection.createArrayOf("float8", clicks),
                    connection.createArrayOf("bool", silent),
                    connection.createArrayOf("bytea", hours)
                };
                for (int a = 0; a < arrays.length; a++) {
                    upsert.setArray(5 + a, arrays[a]);
                }
                upsert.executeUpdate();
                for (Array array : arrays) {
                    array.free();
                }
            }
            return null;
        }));
    }

    private void writeBatch(long run, Long modelId, String source, Instant computedAt, Collection<Scored> batch) {
        Timestamp at = Timestamp.from(computedAt);
        template.batchUpdate("""
                MERGE INTO contact_prediction_hours (contact_id, run_id, model_id, source, computed_at, time_zone,
                    open_probability, click_probability, silent, hours)
                KEY (contact_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, batch, batch.size(), (statement, s) -> {
            statement.setLong(1, s.contactId());
            statement.setLong(2, run);
            statement.setObject(3, modelId, Types.BIGINT);
            statement.setString(4, source);
            statement.setTimestamp(5, at);
            statement.setString(6, s.timeZone());
            statement.setDouble(7, s.open());
            statement.setDouble(8, s.click());
            statement.setBoolean(9, s.silent());
            statement.setBytes(10, s.hours().bytes());
        });
    }

    /**
     * Ends a run in one transaction: ranks its rows into {@code contact_predictions} (the score is
     * the mid-rank percentile of the mean P(open), the tier follows from it and the silence),
     * deletes the rows of contacts it did not score, and returns the lowest mean P(open) of each
     * score. Readers see the previous run's scores until it commits.
     */
    ScoreFloors finish(long run) {
        return transactions.execute(status -> {
            if (postgres) {
                // the window sort of a million doubles (~40 MB) stays in memory
                template.execute("SET LOCAL work_mem = '256MB'");
            }
            // one pass of the run's rows: a sort by P(open) gives each its rank, its ties and the
            // count; MERGE (PostgreSQL 15, H2) joins them to the stored rows by primary key
            jdbc.sql("""
                    MERGE INTO contact_predictions p
                    USING (
                        SELECT contact_id, model_id, source, open_probability, click_probability, computed_at,
                               silent, CASE WHEN n = 1 THEN 50
                                            ELSE FLOOR(100 * (below + (equal - 1) / 2.0) / (n - 1)) END AS score
                        FROM (SELECT contact_id, model_id, source, open_probability, click_probability, computed_at,
                                     silent,
                                     RANK() OVER (ORDER BY open_probability) - 1 AS below,
                                     COUNT(*) OVER (PARTITION BY open_probability) AS equal,
                                     COUNT(*) OVER () AS n
                              FROM contact_prediction_hours WHERE run_id = :run) ranked
                    ) r ON p.contact_id = r.contact_id
                    WHEN MATCHED THEN UPDATE SET run_id = :run, model_id = r.model_id, source = r.source,
                        open_probability = r.open_probability, click_probability = r.click_probability,
                        engagement_score = r.score, tier = %1$s, computed_at = r.computed_at
                    WHEN NOT MATCHED THEN INSERT (contact_id, run_id, model_id, source, open_probability,
                        click_probability, engagement_score, tier, computed_at)
                        VALUES (r.contact_id, :run, r.model_id, r.source, r.open_probability, r.click_probability,
                                r.score, %1$s, r.computed_at)
                    """.formatted(Tier.sql("r.score", "r.silent")))
                    .param("run", run)
                    .update();
            // contacts no longer active (or whose scoring failed): a scan of each table, once a run
            jdbc.sql("DELETE FROM contact_predictions WHERE run_id <> :run")
                    .param("run", run)
                    .update();
            jdbc.sql("DELETE FROM contact_prediction_hours WHERE run_id <> :run")
                    .param("run", run)
                    .update();
            double[] floors = new double[101];
            Arrays.fill(floors, Double.NaN);
            jdbc.sql("""
                    SELECT engagement_score, MIN(open_probability) FROM contact_predictions
                    GROUP BY engagement_score
                    """).query(rs -> {
                floors[rs.getInt(1)] = rs.getDouble(2);
            });
            return new ScoreFloors(floors);
        });
    }

    // ---- reads

    /**
     * A contact's stored prediction: its week of hours and its score and tier (null when no run
     * has ranked it yet).
     */
    record Stored(
            long contactId,
            Long modelId,
            String source,
            Instant computedAt,
            String timeZone,
            double open,
            double click,
            boolean silent,
            HourProfile hours,
            Integer score,
            String tier) {}

    private static final String STORED = """
            SELECT h.contact_id, h.model_id, h.source, h.computed_at, h.time_zone, h.open_probability,
                   h.click_probability, h.silent, h.hours, p.engagement_score, p.tier
            FROM contact_prediction_hours h LEFT JOIN contact_predictions p ON p.contact_id = h.contact_id
            """;

    /** One contact's stored prediction: two primary-key probes. */
    Optional<Stored> find(long contactId) {
        return jdbc.sql(STORED + " WHERE h.contact_id = :id")
                .param("id", contactId)
                .query((rs, row) -> stored(rs))
                .optional();
    }

    /** Stored predictions of these contacts, in one query ({@code = ANY} uses the primary key). */
    Map<Long, Stored> find(Collection<Long> contactIds) {
        Map<Long, Stored> found = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.sql(STORED + " WHERE h.contact_id = ANY(:ids)")
                    .param("ids", contactIds.toArray(Long[]::new))
                    .query(rs -> {
                        Stored s = stored(rs);
                        found.put(s.contactId(), s);
                    });
        }
        return found;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        // during a run, the hours may be this run's and the score the last run's until it ranks
        boolean ranked = rs.getObject(10) != null;
        return new Stored(
                rs.getLong(1),
                rs.getObject(2, Long.class),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                rs.getDouble(6),
                rs.getDouble(7),
                rs.getBoolean(8),
                HourProfile.decode(rs.getBytes(9)),
                ranked ? rs.getInt(10) : null,
                ranked ? rs.getString(11) : null);
    }

    /** What segments, templates and the export read of a contact. */
    record Scores(long contactId, double open, double click, int score, String tier) {}

    /** The ranked scores of these contacts, in one query by primary key. */
    Map<Long, Scores> scores(Collection<Long> contactIds) {
        Map<Long, Scores> found = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.sql("""
                    SELECT contact_id, open_probability, click_probability, engagement_score, tier
                    FROM contact_predictions WHERE contact_id = ANY(:ids)
                    """).param("ids", contactIds.toArray(Long[]::new)).query(rs -> {
                found.put(
                        rs.getLong(1),
                        new Scores(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4), rs.getString(5)));
            });
        }
        return found;
    }
}
