package io.iabulk.contests.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leaderboard answered by the database: the fallback while the fast store is unavailable or
 * being rebuilt, and the source of every rebuild.
 */
@Component
class SqlLeaderboard {

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    SqlLeaderboard(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(template.getDataSource());
        this.streaming.setFetchSize(5_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    List<Standing> top(long contestId, int limit) {
        // an index scan of contest_participants_confirmed_rank_idx (PostgreSQL), stopped after :limit
        // rows: only confirmed participants have a place
        return jdbc.sql("""
                SELECT id, referrals, points, created_at FROM contest_participants
                WHERE contest_id = :contestId AND status = 'CONFIRMED'
                ORDER BY referrals DESC, points DESC, created_at, id
                LIMIT :limit
                """)
                .param("contestId", contestId)
                .param("limit", limit)
                .query((rs, row) -> new Standing(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getTimestamp(4).getTime()))
                .list();
    }

    long rank(long contestId, Standing s) {
        // counts the participants placed before this one; O(rank), acceptable for a fallback
        long before = jdbc.sql("""
                        SELECT count(*) FROM contest_participants
                        WHERE contest_id = :contestId AND status = 'CONFIRMED' AND (referrals > :referrals
                           OR (referrals = :referrals AND (points > :points
                           OR (points = :points AND (created_at < :createdAt
                           OR (created_at = :createdAt AND id < :id))))))
                        """)
                .param("contestId", contestId)
                .param("referrals", s.referrals())
                .param("points", s.points())
                .param("createdAt", Timestamp.from(Instant.ofEpochMilli(s.createdAtMillis())))
                .param("id", s.participantId())
                .query(Long.class)
                .single();
        return before + 1;
    }

    /** The ranks of several participants in one round trip, by participant id. */
    Map<Long, Long> ranks(long contestId, Collection<Long> participantIds) {
        // one counting range scan of contest_participants_rank_idx per participant, in one statement
        Map<Long, Long> ranks = new HashMap<>();
        jdbc.sql("""
                SELECT p.id, (SELECT count(*) FROM contest_participants o
                    WHERE o.contest_id = p.contest_id AND o.status = 'CONFIRMED' AND (o.referrals > p.referrals
                       OR (o.referrals = p.referrals AND (o.points > p.points
                       OR (o.points = p.points AND (o.created_at < p.created_at
                       OR (o.created_at = p.created_at AND o.id < p.id))))))) + 1
                FROM contest_participants p
                WHERE p.contest_id = :contestId AND p.id IN (:ids)
                """).param("contestId", contestId).param("ids", participantIds).query(rs -> {
            ranks.put(rs.getLong(1), rs.getLong(2));
        });
        return ranks;
    }

    /** Streams every standing of a contest in batches, through a database cursor. */
    void forEachBatch(long contestId, int batchSize, Consumer<List<Standing>> sink) {
        readOnly.executeWithoutResult(tx -> {
            List<Standing> batch = new ArrayList<>(batchSize);
            streaming.query(
                    "SELECT id, referrals, points, created_at FROM contest_participants"
                            + " WHERE contest_id = ? AND status = 'CONFIRMED'",
                    rs -> {
                        batch.add(new Standing(
                                rs.getLong(1),
                                rs.getInt(2),
                                rs.getInt(3),
                                rs.getTimestamp(4).getTime()));
                        if (batch.size() == batchSize) {
                            sink.accept(List.copyOf(batch));
                            batch.clear();
                        }
                    },
                    contestId);
            if (!batch.isEmpty()) {
                sink.accept(List.copyOf(batch));
            }
        });
    }
}
