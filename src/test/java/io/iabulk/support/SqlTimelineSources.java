package io.iabulk.support;

import io.iabulk.contacts.ContactBasics;
import io.iabulk.contests.ContactContestFacts;
import io.iabulk.delivery.ContactSend;
import io.iabulk.intelligence.history.JdbcEngagementTimelines;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timelines' sources for tests on a bare database (H2) without the application: contacts read
 * by SQL, no sends of ours and no contests. The imported history is read by the timelines themselves.
 */
public final class SqlTimelineSources implements JdbcEngagementTimelines.Sources {

    private final JdbcClient jdbc;

    private SqlTimelineSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Real timelines over this database, their contacts read by SQL. */
    public static JdbcEngagementTimelines timelines(JdbcClient jdbc) {
        return new JdbcEngagementTimelines(new SqlTimelineSources(jdbc), jdbc);
    }

    @Override
    public List<ContactBasics> activeAfter(long after, int limit) {
        return jdbc.sql("SELECT id, email, time_zone, created_at FROM contacts WHERE status = 'ACTIVE' AND id > :after"
                        + " ORDER BY id LIMIT " + limit)
                .param("after", after)
                .query((rs, n) -> new ContactBasics(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    @Override
    public List<ContactBasics> basics(Collection<Long> ids) {
        return jdbc.sql("SELECT id, email, time_zone, created_at FROM contacts WHERE id = ANY(:ids)"
                        + " AND status <> 'ERASED' ORDER BY id")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, n) -> new ContactBasics(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    @Override
    public Map<Long, List<ContactSend>> sentTo(Collection<Long> ids) {
        return Map.of();
    }

    @Override
    public Map<Long, ContactContestFacts> contests(Collection<Long> ids) {
        return Map.of();
    }
}
