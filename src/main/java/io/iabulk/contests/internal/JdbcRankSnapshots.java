package io.iabulk.contests.internal;

import io.iabulk.platform.JobLease;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participants' rank snapshots of the "you moved up" digest (docs/decisions/0027) and the lease
 * that lets one instance run the digest rounds, in SQL.
 */
@Repository
class JdbcRankSnapshots {

    static final String LEASE = "rank-digest";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    JdbcRankSnapshots(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.streaming = new JdbcTemplate(template.getDataSource());
        this.streaming.setFetchSize(5_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A confirmed participant's rank now, beside their snapshot.
     *
     * @param previousRank the rank of their snapshot; null when they have none yet
     * @param takenAt when that snapshot was taken; null when none
     */
    record Compared(long participantId, long rank, Long previousRank, Instant takenAt) {

        boolean baseline() {
            return previousRank == null;
        }
    }

    // ---- the lease

    /** Takes (or renews) the digest lease when it is free, expired or already this holder's. */
    boolean lease(String holder, Instant until, Instant now) {
        return new JobLease(jdbc, "contest_job_leases", LEASE).take(holder, until, now);
    }

    void release(String holder) {
        new JobLease(jdbc, "contest_job_leases", LEASE).release(holder);
    }

    // ---- the rounds

    /**
     * Whether a round of the contest has anything to do: a snapshot taken at or before {@code
     * dueAt}, or no snapshot at all yet (its first round, or no participant was confirmed before).
     */
    boolean due(long contestId, Instant dueAt) {
        // the first entry of the contest in participant_rank_snapshots_due_idx
        return jdbc.sql("""
                        SELECT taken_at FROM participant_rank_snapshots WHERE contest_id = :contest
                        ORDER BY taken_at LIMIT 1
                        """)
                .param("contest", contestId)
                .query(Timestamp.class)
                .optional()
                .map(oldest -> !oldest.toInstant().isAfter(dueAt))
                .orElse(true);
    }

    /**
     * Streams, in batches, every confirmed participant of the contest who has no snapshot or one
     * taken at or before {@code dueAt}, with their rank now. The ranks are those of one statement's
     * view of the contest (consistent with each other however long the stream takes); only the
     * batch in hand is in memory. {@code sink} runs inside the read transaction: its writes go to a
     * transaction of their own.
     */
    void forEachDue(long contestId, Instant dueAt, int batchSize, Consumer<List<Compared>> sink) {
        readOnly.executeWithoutResult(tx -> {
            List<Compared> batch = new ArrayList<>(batchSize);
            // the leaderboard order, numbered over every confirmed participant (PostgreSQL reads it from
            // contest_participants_confirmed_rank_idx, which holds every column the window needs) and only
            // then filtered to the due ones, so the filter does not change the numbers
            streaming.query(
                    """
                    SELECT r.id, r.rank, s.rank, s.taken_at
                    FROM (SELECT id, row_number() OVER (ORDER BY referrals DESC, points DESC, created_at, id) AS rank
                          FROM contest_participants
                          WHERE contest_id = ? AND status = 'CONFIRMED') r
                    LEFT JOIN participant_rank_snapshots s ON s.participant_id = r.id
                    WHERE s.participant_id IS NULL OR s.taken_at <= ?
                    """,
                    rs -> {
                        long previous = rs.getLong(3);
                        boolean none = rs.wasNull();
                        Timestamp takenAt = rs.getTimestamp(4);
                        batch.add(new Compared(
                                rs.getLong(1),
                                rs.getLong(2),
                                none ? null : previous,
                                takenAt == null ? null : takenAt.toInstant()));
                        if (batch.size() == batchSize) {
                            sink.accept(List.copyOf(batch));
                            batch.clear();
                        }
                    },
                    contestId,
                    Timestamp.from(dueAt));
            if (!batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
            }
        });
    }

    /**
     * Takes the first snapshot of participants who have none (a row already there is left alone);
     * returns how many were taken.
     */
    int insertBaselines(long contestId, List<Compared> baselines, Instant now) {
        if (baselines.isEmpty()) {
            return 0;
        }
        Timestamp at = Timestamp.from(now);
        List<Object[]> rows = new ArrayList<>(baselines.size());
        for (Compared c : baselines) {
            rows.add(new Object[] {c.participantId(), contestId, c.rank(), at});
        }
        int taken = 0;
        for (int count : template.batchUpdate("""
                INSERT INTO participant_rank_snapshots (participant_id, contest_id, rank, taken_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows)) {
            taken += Math.max(count, 0);
        }
        return taken;
    }

    /**
     * Replaces due snapshots by the ranks now; those in {@code mailed} are also marked mailed now.
     * A snapshot no longer due (another instance got there first) is left alone: the answer says,
     * in the order given, which were replaced.
     */
    boolean[] advance(List<Compared> due, java.util.Set<Long> mailed, Instant dueAt, Instant now) {
        Timestamp at = Timestamp.from(now);
        Timestamp dueBefore = Timestamp.from(dueAt);
        List<Object[]> rows = new ArrayList<>(due.size());
        for (Compared c : due) {
            rows.add(new Object[] {c.rank(), at, mailed.contains(c.participantId()), at, c.participantId(), dueBefore});
        }
        // by primary key; the taken_at guard makes a second writer of the same snapshot a no-op
        int[] counts = template.batchUpdate("""
                UPDATE participant_rank_snapshots
                SET rank = ?, taken_at = ?, mailed_at = CASE WHEN ? THEN ? ELSE mailed_at END
                WHERE participant_id = ? AND taken_at <= ?
                """, rows);
        boolean[] advanced = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            advanced[i] = counts[i] == 1;
        }
        return advanced;
    }
}
