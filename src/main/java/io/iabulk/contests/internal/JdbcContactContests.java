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
}
