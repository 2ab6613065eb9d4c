package io.iabulk.contests.internal;

import io.iabulk.contests.ContactContestFacts;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contacts' participations summed over all contests, in SQL. */
@Repository
public class JdbcContactContests {

    private final JdbcClient jdbc;

    JdbcContactContests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One aggregate query on the contact index; contacts without a participation are absent. */
    public Map<Long, ContactContestFacts> of(Collection<Long> contactIds) {
        Map<Long, ContactContestFacts> facts = new HashMap<>();
        if (contactIds.isEmpty()) {
            return facts;
        }
        jdbc.sql("""
                SELECT contact_id,
                       SUM(CASE WHEN status = 'CONFIRMED' THEN 1 ELSE 0 END),
                       SUM(referrals),
                       MIN(confirmed_at)
                FROM contest_participants WHERE contact_id = ANY(:ids)
                GROUP BY contact_id
                """).param("ids", contactIds.toArray(Long[]::new)).query(rs -> {
            Timestamp first = rs.getTimestamp(4);
            facts.put(
                    rs.getLong(1),
                    new ContactContestFacts(rs.getInt(2), rs.getInt(3), first == null ? null : first.toInstant()));
        });
        return facts;
    }

    /**
     * The contests a contact takes part in, newest participation first: the contact index finds its
     * rows (one per contest), the contests' primary key their names.
     */
    public java.util.List<io.iabulk.contests.ContactParticipation> participationsOf(long contactId, int limit) {
        return jdbc.sql("""
                SELECT c.id, c.name, c.status, p.id, p.status, p.referral_code, p.referrals, p.points, p.created_at,
                       p.confirmed_at
                FROM contest_participants p JOIN contests c ON c.id = p.contest_id
                WHERE p.contact_id = :contact
                ORDER BY p.id DESC LIMIT :limit
                """)
                .param("contact", contactId)
                .param("limit", limit)
                .query((rs, row) -> new io.iabulk.contests.ContactParticipation(
                        rs.getLong(1),
                        rs.getString(2),
                        io.iabulk.contests.ContestStatus.valueOf(rs.getString(3)),
                        rs.getLong(4),
                        io.iabulk.contests.ParticipantStatus.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .list();
    }
}
