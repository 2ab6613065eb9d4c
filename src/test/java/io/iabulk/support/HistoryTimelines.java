package io.iabulk.support;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.PastSend;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A stand-in for the intelligence module's timelines until they land: contacts and their imported
 * history ({@code engagement_history}), nothing of our own sends or contests. A fallback bean of
 * the integration tests' context ({@link IntegrationTestBeans}), so the module's own implementation
 * takes its place the day it exists; tests write history rows, which both read.
 */
public class HistoryTimelines implements EngagementTimelines {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;

    public HistoryTimelines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ContactTimeline> of(long contactId) {
        return contacts("WHERE id = :id AND status <> 'ERASED'", Map.of("id", contactId)).stream()
                .findFirst();
    }

    @Override
    public void forEachActive(Consumer<ContactTimeline> consumer) {
        long after = 0;
        while (true) {
            List<ContactTimeline> page = contacts(
                    "WHERE status = 'ACTIVE' AND id > :after ORDER BY id LIMIT " + PAGE, Map.of("after", after));
            if (page.isEmpty()) {
                return;
            }
            page.forEach(consumer);
            after = page.getLast().contactId();
        }
    }

    private List<ContactTimeline> contacts(String where, Map<String, Object> params) {
        record Row(long id, String email, ZoneId zone, Instant joinedAt) {}
        List<Row> rows = jdbc.sql("SELECT id, email, time_zone, created_at FROM contacts " + where)
                .params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), zone(rs.getString(3)), instant(rs, 4)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PastSend>> sends = new HashMap<>();
        jdbc.sql("""
                SELECT contact_id, sent_at, opened_at, clicked_at, opens, clicks, unsubscribed_at, bounced_at,
                       complained_at
                FROM engagement_history WHERE contact_id = ANY(:ids) ORDER BY contact_id, sent_at
                """)
                .param("ids", rows.stream().map(Row::id).toArray(Long[]::new))
                .query(rs -> {
                    sends.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new PastSend(
                                    instant(rs, 2),
                                    instant(rs, 3),
                                    instant(rs, 4),
                                    rs.getInt(5),
                                    rs.getInt(6),
                                    instant(rs, 7),
                                    instant(rs, 8),
                                    instant(rs, 9),
                                    true));
                });
        Map<Long, ContactTimeline> timelines = new LinkedHashMap<>();
        for (Row row : rows) {
            timelines.put(
                    row.id(),
                    new ContactTimeline(
                            row.id(),
                            row.email(),
                            row.zone(),
                            row.joinedAt(),
                            ContactTimeline.ContestFacts.NONE,
                            List.copyOf(sends.getOrDefault(row.id(), List.of()))));
        }
        return List.copyOf(timelines.values());
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
