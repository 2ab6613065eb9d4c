package io.iabulk.analytics.internal;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.platform.Databases;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Appends raw events; a duplicate (same event id on the same day, in the table or earlier in the
 * same batch) is skipped.
 */
@Repository
public class JdbcEventLog {

    // one statement per batch: the columns travel as arrays, so 10,000 events are one round trip
    // and one plan; ON CONFLICT skips ids already stored for their day and RETURNING names the new
    private static final String INSERT_UNNEST = """
            INSERT INTO analytics_events (event_id, occurred_on, occurred_at, received_at, type, contact_id,
                contest_id, campaign_id, send_id, machine, properties)
            SELECT e.id, e.occurred_on, e.occurred_at, ?, e.type, e.contact, e.contest, e.campaign, e.send,
                e.machine, CAST(e.properties AS JSONB)
            FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS DATE[]), CAST(? AS TIMESTAMPTZ[]), CAST(? AS VARCHAR[]),
                CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]), CAST(? AS BIGINT[]),
                CAST(? AS VARCHAR[]), CAST(? AS TEXT[]))
                AS e(id, occurred_on, occurred_at, type, contact, contest, campaign, send, machine, properties)
            ON CONFLICT DO NOTHING
            RETURNING event_id, occurred_on
            """;

    private static final String INSERT_ONE = """
            INSERT INTO analytics_events (event_id, occurred_on, occurred_at, received_at, type, contact_id,
                contest_id, campaign_id, send_id, machine, properties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB))
            ON CONFLICT DO NOTHING
            """;

    private static final int[] ONE_TYPES = {
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
    };

    /** An event's key: its id is unique within its UTC day. */
    private record Key(String eventId, LocalDate day) {}

    private static final Comparator<AnalyticsEvent> KEY_ORDER =
            Comparator.comparing(AnalyticsEvent::eventId).thenComparing(event -> day(event.occurredAt()));

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    JdbcEventLog(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** Inserts the events in the caller's transaction; returns those that were new, in batch order. */
    public List<AnalyticsEvent> append(List<AnalyticsEvent> events, Instant receivedAt) {
        // the first event of a key wins within the batch; the later ones are duplicates
        Map<Key, AnalyticsEvent> unique = new LinkedHashMap<>();
        for (AnalyticsEvent event : events) {
            unique.putIfAbsent(key(event), event);
        }
        // inserted in key order, so two batches that share ids take their key locks in the same
        // order and never deadlock
        List<AnalyticsEvent> candidates = new ArrayList<>(unique.values());
        candidates.sort(KEY_ORDER);
        Set<Key> inserted = postgres ? appendArrays(candidates, receivedAt) : appendRows(candidates, receivedAt);
        List<AnalyticsEvent> stored = new ArrayList<>(inserted.size());
        for (AnalyticsEvent event : unique.values()) {
            if (inserted.contains(key(event))) {
                stored.add(event);
            }
        }
        return stored;
    }

    private Set<Key> appendArrays(List<AnalyticsEvent> events, Instant receivedAt) {
        int n = events.size();
        String[] ids = new String[n];
        String[] days = new String[n];
        String[] times = new String[n];
        String[] types = new String[n];
        Long[] contacts = new Long[n];
        Long[] contests = new Long[n];
        Long[] campaigns = new Long[n];
        Long[] sends = new Long[n];
        String[] machines = new String[n];
        String[] properties = new String[n];
        for (int i = 0; i < n; i++) {
            AnalyticsEvent event = events.get(i);
            ids[i] = event.eventId();
            days[i] = day(event.occurredAt()).toString();
            times[i] = event.occurredAt().toString();
            types[i] = event.type();
            contacts[i] = event.contactId();
            contests[i] = event.contestId();
            campaigns[i] = event.campaignId();
            sends[i] = event.sendId();
            machines[i] = event.machine();
            properties[i] = event.properties();
        }
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_UNNEST)) {
                statement.setTimestamp(1, Timestamp.from(receivedAt));
                Array[] arrays = {
                    connection.createArrayOf("varchar", ids),
                    connection.createArrayOf("text", days),
                    connection.createArrayOf("text", times),
                    connection.createArrayOf("varchar", types),
                    connection.createArrayOf("int8", contacts),
                    connection.createArrayOf("int8", contests),
                    connection.createArrayOf("int8", campaigns),
                    connection.createArrayOf("int8", sends),
                    connection.createArrayOf("varchar", machines),
                    connection.createArrayOf("text", properties)
                };
                for (int i = 0; i < arrays.length; i++) {
                    statement.setArray(i + 2, arrays[i]);
                }
                Set<Key> keys = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new Key(rows.getString(1), rows.getObject(2, LocalDate.class)));
                    }
                }
                for (Array array : arrays) {
                    array.free();
                }
                return keys;
            }
        });
    }

    private Set<Key> appendRows(List<AnalyticsEvent> events, Instant receivedAt) {
        Set<Key> stored = new HashSet<>();
        Timestamp received = Timestamp.from(receivedAt);
        for (AnalyticsEvent event : events) {
            int n = jdbc.update(
                    INSERT_ONE,
                    new Object[] {
                        event.eventId(),
                        Date.valueOf(day(event.occurredAt())),
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
                    ONE_TYPES);
            if (n == 1) {
                stored.add(key(event));
            }
        }
        return stored;
    }

    private static Key key(AnalyticsEvent event) {
        return new Key(event.eventId(), day(event.occurredAt()));
    }

    private static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
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
