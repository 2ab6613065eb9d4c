package io.iabulk.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who did what and when. The edge writes one entry for every change made through the API or the
 * console (any method but {@code GET}/{@code HEAD} that succeeded, unless {@link NotAudited}), and
 * the accounts write sign-ins, failed sign-ins and sign-outs. Entries are never changed.
 */
@Service
public class AuditLog {

    /** The most a page of the log holds. */
    public static final int MAX_PAGE = 200;

    /**
     * One entry.
     *
     * @param actor who acted: an operator's address, or {@code api-key:<name>}
     * @param action what was done: {@code POST /campaigns/{id}/start}, {@code sign-in}, ...
     * @param subject what it was done to: the address requested, or the account signed in to
     * @param outcome the HTTP status of the answer, or {@code null} for events outside a request
     * @param client the client's IP address
     */
    public record Entry(
            long id, Instant at, String actor, String action, String subject, Integer outcome, String client) {}

    /**
     * A filter of the log page; {@code null} fields do not filter.
     *
     * @param actor entries of this actor only (exact)
     * @param action entries whose action contains this text (case-insensitive)
     * @param before entries older than this id (the keyset of the next page)
     * @param from entries at or after this time
     * @param to entries before this time
     */
    public record Filter(String actor, String action, Long before, Instant from, Instant to) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Writes an entry now; texts are cut to their column's length. */
    public void record(String actor, String action, String subject, Integer outcome, String client) {
        jdbc.sql("""
                        INSERT INTO audit_log (at, actor, action, subject, outcome, client)
                        VALUES (:at, :actor, :action, :subject, :outcome, :client)""")
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("actor", cut(actor, 320))
                .param("action", cut(action, 200))
                .param("subject", cut(subject, 500))
                .param("outcome", outcome)
                .param("client", cut(client, 64))
                .update();
    }

    /** A page of the log, newest first, at most {@code limit} ({@link #MAX_PAGE}) entries. */
    public List<Entry> page(Filter filter, int limit) {
        // newest first by the primary key (keyset); the actor and action filters use their (x, id) indexes
        return jdbc.sql("""
                        SELECT id, at, actor, action, subject, outcome, client FROM audit_log
                        WHERE (CAST(:actor AS VARCHAR) IS NULL OR actor = :actor)
                          AND (CAST(:action AS VARCHAR) IS NULL OR lower(action) LIKE :action ESCAPE '\\')
                          AND (CAST(:before AS BIGINT) IS NULL OR id < :before)
                          AND (CAST(:from AS TIMESTAMP WITH TIME ZONE) IS NULL OR at >= :from)
                          AND (CAST(:to AS TIMESTAMP WITH TIME ZONE) IS NULL OR at < :to)
                        ORDER BY id DESC LIMIT :limit""")
                .param("actor", blankToNull(filter.actor()))
                .param("action", blankToNull(filter.action()) == null ? null : "%" + like(filter.action()) + "%")
                .param("before", filter.before())
                .param("from", filter.from() == null ? null : Timestamp.from(filter.from()))
                .param("to", filter.to() == null ? null : Timestamp.from(filter.to()))
                .param("limit", Math.clamp(limit, 1, MAX_PAGE))
                .query((rs, n) -> new Entry(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        (Integer) rs.getObject("outcome", Integer.class),
                        rs.getString("client")))
                .list();
    }

    /** The distinct actors, for the filter's choice list (at most 500). */
    public List<String> actors() {
        return jdbc.sql("SELECT DISTINCT actor FROM audit_log ORDER BY actor LIMIT 500")
                .query(String.class)
                .list();
    }

    private static String like(String text) {
        return text.trim()
                .toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
