package io.iabulk.analytics.internal;

import io.iabulk.analytics.AnalyticsEvent;
import java.sql.Date;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Appends raw events; a duplicate (same event id on the same day) is skipped. */
@Repository
public class JdbcEventLog {

    private final JdbcTemplate jdbc;

    JdbcEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the events in the caller's transaction; returns those that were new. */
    public List<AnalyticsEvent> append(List<AnalyticsEvent> events, Instant receivedAt) {
        List<AnalyticsEvent> stored = new ArrayList<>(events.size());
        Timestamp received = Timestamp.from(receivedAt);
        for (AnalyticsEvent event : events) {
            int n = jdbc.update(
                    """
                    INSERT INTO analytics_events (event_id, occurred_on, occurred_at, received_at, type, contact_id,
                        contest_id, campaign_id, send_id, machine, properties)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
                    ON CONFLICT DO NOTHING
                    """,
                    new Object[] {
                        event.eventId(),
                        Date.valueOf(event.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate()),
                        Timestamp.from(event.occurredAt()),
                        received,
                        event.type(),
                        event.contactId(),
                        event.contestId(),
                        event.campaignId(),
                        event.sendId(),
                        event.machine(),
                        event.properties()
                    },
                    new int[] {
                        Types.VARCHAR,
                        Types.DATE,
                        Types.TIMESTAMP,
                        Types.TIMESTAMP,
                        Types.VARCHAR,
                        Types.BIGINT,
                        Types.BIGINT,
                        Types.BIGINT,
                        Types.BIGINT,
                        Types.VARCHAR,
                        Types.VARCHAR
                    });
            if (n == 1) {
                stored.add(event);
            }
        }
        return stored;
    }

    /** Sets the machine reason of stored events, given by id and time; returns how many changed. */
    public int flagMachine(String reason, Map<String, Instant> occurredAtById) {
        List<Object[]> args = new ArrayList<>(occurredAtById.size());
        occurredAtById.forEach((id, at) -> args.add(new Object[] {
            reason, id, Date.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDate())
        }));
        // the primary key (event_id, occurred_on) names the row and its partition
        int[] counts = jdbc.batchUpdate(
                "UPDATE analytics_events SET machine = ? WHERE event_id = ? AND occurred_on = ?", args);
        int changed = 0;
        for (int n : counts) {
            changed += Math.max(n, 0);
        }
        return changed;
    }
}
