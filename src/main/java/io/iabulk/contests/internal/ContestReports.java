package io.iabulk.contests.internal;

import io.iabulk.contests.ContestStats;
import io.iabulk.contests.Winner;
import io.iabulk.contests.Winners;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Totals and winners of a contest. */
@Component
public class ContestReports {

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final JdbcParticipantRepository participants;
    private final ContestTotals totals;

    ContestReports(
            JdbcClient jdbc, JdbcTemplate template, JdbcParticipantRepository participants, ContestTotals totals) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(template.getDataSource());
        this.streaming.setFetchSize(10_000);
        this.participants = participants;
        this.totals = totals;
    }

    /**
     * The contest's totals from its counters, which the changing transactions keep exact: a few
     * rows read, whatever the number of participants.
     */
    public ContestStats stats(long contestId) {
        return stats(totals.of(contestId));
    }

    /** The totals of several contests from their counters, in one query; zeros for those without. */
    public Map<Long, ContestStats> stats(java.util.Collection<Long> contestIds) {
        Map<Long, ContestTotals.Totals> found = totals.of(contestIds);
        Map<Long, ContestStats> stats = new java.util.HashMap<>();
        for (Long id : contestIds) {
            stats.put(id, stats(found.getOrDefault(id, ContestTotals.Totals.ZERO)));
        }
        return stats;
    }

    private static ContestStats stats(ContestTotals.Totals t) {
        return new ContestStats(
                t.participants(),
                t.confirmed(),
                t.credited(),
                t.participants() == 0 ? 0.0 : (double) t.credited() / t.participants(),
                t.points(),
                t.flagged());
    }

    /** The contests with referrals waiting for review, the most waiting first, from their counters. */
    public List<io.iabulk.contests.ReviewBacklog> reviewBacklog(int limit) {
        return totals.flagged(limit).stream()
                .map(f -> new io.iabulk.contests.ReviewBacklog(f.contestId(), f.name(), f.flagged()))
                .toList();
    }

    /** The first {@code limit} confirmed participants in leaderboard order. */
    public Winners top(long contestId, int limit) {
        // walks contest_participants_rank_idx and skips the unconfirmed
        List<ParticipantRow> rows = jdbc.sql("SELECT " + JdbcParticipantRepository.COLUMNS + """
                         FROM contest_participants
                        WHERE contest_id = :contestId AND status = 'CONFIRMED'
                        ORDER BY referrals DESC, points DESC, created_at, id
                        LIMIT :limit
                        """)
                .param("contestId", contestId)
                .param("limit", limit)
                .query(JdbcParticipantRepository::map)
                .list();
        List<Winner> winners = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            winners.add(winner(i + 1, rows.get(i)));
        }
        return new Winners("top", null, winners);
    }

    /**
     * A draw without replacement among confirmed participants, weighted by points (weighted random
     * sampling by Efraimidis and Spirakis: each draws a key {@code u^(1/w)}, the largest keys win).
     * Participants are visited in id order and the random numbers come from the seed, so the same
     * seed over the same standings gives the same winners.
     */
    @Transactional(readOnly = true)
    public Winners weightedDraw(long contestId, int limit, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        record Keyed(long id, double key) {}
        PriorityQueue<Keyed> best = new PriorityQueue<>(Comparator.comparingDouble(Keyed::key));
        streaming.query(
                """
                SELECT id, points FROM contest_participants
                WHERE contest_id = ? AND status = 'CONFIRMED' AND points > 0
                ORDER BY id
                """,
                rs -> {
                    double u = random.nextDouble();
                    // log(u)/w orders like u^(1/w) and stays finite for large weights
                    double key = Math.log(u == 0 ? Double.MIN_VALUE : u) / rs.getInt(2);
                    if (best.size() < limit) {
                        best.add(new Keyed(rs.getLong(1), key));
                    } else if (key > best.peek().key()) {
                        best.poll();
                        best.add(new Keyed(rs.getLong(1), key));
                    }
                },
                contestId);
        List<Keyed> drawn = new ArrayList<>(best);
        drawn.sort(Comparator.comparingDouble(Keyed::key).reversed());
        Map<Long, ParticipantRow> rows = participants
                .findAll(drawn.stream().map(Keyed::id).toList())
                .stream()
                .collect(Collectors.toMap(ParticipantRow::id, Function.identity()));
        List<Winner> winners = new ArrayList<>(drawn.size());
        for (int i = 0; i < drawn.size(); i++) {
            winners.add(winner(i + 1, rows.get(drawn.get(i).id())));
        }
        return new Winners("weighted-draw", seed, winners);
    }

    private static Winner winner(long rank, ParticipantRow row) {
        return new Winner(rank, row.id(), row.displayName(), row.email(), row.referrals(), row.points());
    }
}
