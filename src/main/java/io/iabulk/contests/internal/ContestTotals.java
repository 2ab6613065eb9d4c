package io.iabulk.contests.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-contest counters ({@code contest_totals}), summed over their slots. */
@Repository
public class ContestTotals {

    /** Counters of a contest (or deltas to add to them). */
    public record Totals(long participants, long confirmed, long referred, long credited, long flagged, long points) {

        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0);

        Totals plus(Totals d) {
            return new Totals(
                    participants + d.participants,
                    confirmed + d.confirmed,
                    referred + d.referred,
                    credited + d.credited,
                    flagged + d.flagged,
                    points + d.points);
        }

        boolean isZero() {
            return equals(ZERO);
        }
    }

    private final JdbcClient jdbc;

    ContestTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Totals of(long contestId) {
        // a primary-key range of at most a few slot rows
        return jdbc.sql("""
                SELECT COALESCE(sum(participants), 0), COALESCE(sum(confirmed), 0), COALESCE(sum(referred), 0),
                       COALESCE(sum(credited), 0), COALESCE(sum(flagged), 0), COALESCE(sum(points), 0)
                FROM contest_totals WHERE contest_id = :contestId
                """)
                .param("contestId", contestId)
                .query((rs, row) -> new Totals(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .single();
    }

    /** A contest's referrals waiting for review, with its name. */
    public record Flagged(long contestId, String name, long flagged) {}

    /** The contests with referrals waiting for review, the most waiting first. */
    public List<Flagged> flagged(int limit) {
        // contest_totals holds a few slot rows per contest (hundreds of contests): summed whole
        return jdbc.sql("""
                SELECT t.contest_id, c.name, t.flagged FROM (
                    SELECT contest_id, sum(flagged) AS flagged FROM contest_totals
                    GROUP BY contest_id HAVING sum(flagged) > 0) t
                JOIN contests c ON c.id = t.contest_id
                ORDER BY t.flagged DESC, t.contest_id LIMIT :limit
                """)
                .param("limit", limit)
                .query((rs, row) -> new Flagged(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** The counters of several contests by id, in one query; contests without a slot row are absent. */
    public java.util.Map<Long, Totals> of(java.util.Collection<Long> contestIds) {
        if (contestIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<Long, Totals> all = new java.util.HashMap<>();
        // primary-key ranges of a few slot rows per contest
        jdbc.sql("""
                SELECT contest_id, sum(participants), sum(confirmed), sum(referred), sum(credited), sum(flagged),
                       sum(points)
                FROM contest_totals WHERE contest_id IN (:ids) GROUP BY contest_id
                """).param("ids", contestIds).query(rs -> {
            all.put(
                    rs.getLong(1),
                    new Totals(
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
        });
        return all;
    }

    /** Adds deltas to one slot of a contest, creating the slot row on first use. */
    void add(long contestId, int slot, Totals d) {
        if (update(contestId, slot, d) == 0) {
            // a concurrent creator of the same slot makes this insert wait, then do nothing
            jdbc.sql("""
                    INSERT INTO contest_totals (contest_id, slot, participants, confirmed, referred, credited, flagged, points)
                    VALUES (:contestId, :slot, 0, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING
                    """).param("contestId", contestId).param("slot", slot).update();
            update(contestId, slot, d);
        }
    }

    private int update(long contestId, int slot, Totals d) {
        return jdbc.sql("""
                UPDATE contest_totals SET participants = participants + :participants,
                    confirmed = confirmed + :confirmed, referred = referred + :referred,
                    credited = credited + :credited, flagged = flagged + :flagged, points = points + :points
                WHERE contest_id = :contestId AND slot = :slot
                """)
                .param("participants", d.participants())
                .param("confirmed", d.confirmed())
                .param("referred", d.referred())
                .param("credited", d.credited())
                .param("flagged", d.flagged())
                .param("points", d.points())
                .param("contestId", contestId)
                .param("slot", slot)
                .update();
    }
}
