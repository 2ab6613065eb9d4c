package io.iabulk.webhooks.internal;

import io.iabulk.webhooks.Webhook;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The webhooks table and their event types; the health marks the worker writes. */
@Repository
public class JdbcWebhooks {

    /** What the worker needs of a webhook to send to it. */
    public record Target(long id, String url, String secret, boolean enabled) {}

    private final JdbcClient jdbc;

    JdbcWebhooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String url, String secret, List<String> events, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhooks (url, secret, enabled, created_at) VALUES (:url, :secret, TRUE, :now)")
                .param("url", url)
                .param("secret", secret)
                .param("now", ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        for (String event : events) {
            jdbc.sql("INSERT INTO webhook_events (event_type, webhook_id) VALUES (:type, :id)")
                    .param("type", event)
                    .param("id", id)
                    .update();
        }
        return id;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM webhooks").query(Long.class).single();
    }

    public Optional<Webhook> find(long id) {
        List<Webhook> found = select("WHERE w.id = :id", Map.of("id", id));
        return found.stream().findFirst();
    }

    /** Every webhook, oldest first (there are at most {@code max-webhooks}). */
    public List<Webhook> all() {
        return select("", Map.of());
    }

    private List<Webhook> select(String where, Map<String, Object> params) {
        Map<Long, List<String>> events = new HashMap<>();
        jdbc.sql("SELECT webhook_id, event_type FROM webhook_events").query(rs -> {
            events.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        return jdbc.sql("""
                SELECT w.id, w.url, w.enabled, w.created_at, w.failing_since, w.disabled_at, w.disabled_reason
                FROM webhooks w %s ORDER BY w.id
                """.formatted(where))
                .params(params)
                .query((rs, n) -> webhook(rs, events.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    private static Webhook webhook(ResultSet rs, List<String> events) throws SQLException {
        List<String> ordered = io.iabulk.webhooks.WebhookEventType.wireNames().stream()
                .filter(events::contains)
                .toList();
        return new Webhook(
                rs.getLong(1),
                rs.getString(2),
                ordered,
                rs.getBoolean(3),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)),
                rs.getString(7));
    }

    /** Truncated to microseconds, the databases' precision (a rounded-up "now" would not be due). */
    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM webhooks WHERE id = :id").param("id", id).update() == 1;
    }

    /** Enables a webhook again and forgets its failures; false when there is no such webhook. */
    public boolean enable(long id) {
        return jdbc.sql("""
                UPDATE webhooks SET enabled = TRUE, failing_since = NULL, disabled_at = NULL, disabled_reason = NULL
                WHERE id = :id
                """).param("id", id).update() == 1;
    }

    /** The send targets of these webhooks, by id. */
    public Map<Long, Target> targets(Collection<Long> ids) {
        Map<Long, Target> targets = new HashMap<>();
        if (ids.isEmpty()) {
            return targets;
        }
        jdbc.sql("SELECT id, url, secret, enabled FROM webhooks WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    targets.put(
                            rs.getLong(1),
                            new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                });
        return targets;
    }

    /** A success: the webhook is not failing any more. */
    public void succeeded(long id) {
        // guarded, so the common case (not failing) writes nothing
        jdbc.sql("UPDATE webhooks SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                .param("id", id)
                .update();
    }

    /**
     * A failure at {@code now}: the webhook is failing since its first failure after its last
     * success; when that is at or before {@code disableBefore} it is disabled. True when this call
     * disabled it (exactly one caller sees the change).
     */
    public boolean failed(long id, Instant now, Instant disableBefore, String reason) {
        jdbc.sql("UPDATE webhooks SET failing_since = :now WHERE id = :id AND failing_since IS NULL")
                .param("id", id)
                .param("now", ts(now))
                .update();
        return jdbc.sql("""
                        UPDATE webhooks SET enabled = FALSE, disabled_at = :now, disabled_reason = :reason
                        WHERE id = :id AND enabled AND failing_since <= :before
                        """)
                        .param("id", id)
                        .param("now", ts(now))
                        .param("before", ts(disableBefore))
                        .param("reason", reason.length() > 500 ? reason.substring(0, 500) : reason)
                        .update()
                == 1;
    }
}
