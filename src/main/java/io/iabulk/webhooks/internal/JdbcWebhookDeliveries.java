package io.iabulk.webhooks.internal;

import static io.iabulk.webhooks.internal.JdbcWebhooks.instant;
import static io.iabulk.webhooks.internal.JdbcWebhooks.ts;

import io.iabulk.platform.Databases;
import io.iabulk.webhooks.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery rows: recorded by the listeners, claimed by the workers (head of each webhook's
 * subject only, so the order per subject holds), settled with the outcome, read by the log.
 */
@Repository
public class JdbcWebhookDeliveries {

    /** A claimed delivery: what the worker sends, and the attempt its outcome must match. */
    public record Claimed(
            long id, long webhookId, String eventId, String type, String payload, int attempt, Instant createdAt) {}

    /** H2 has no SKIP LOCKED: claims of one (embedded) instance take turns instead. */
    private static final ReentrantLock H2_CLAIM = new ReentrantLock();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;

    JdbcWebhookDeliveries(JdbcClient jdbc, PlatformTransactionManager transactions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Records an event for every enabled webhook that wants its type (joins the caller's
     * transaction), to be sent from {@code due} on, after the subject's rows of a lower {@code seq}
     * (then of a lower id); a second call with the same event id adds nothing. Returns the rows added.
     */
    public int record(
            String type,
            String eventId,
            String subject,
            Long contactId,
            long seq,
            String payload,
            Instant now,
            Instant due) {
        // webhook_events' primary key (event_type, webhook_id) finds the subscribers
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, subject, contact_id, seq, payload,
                                                status, attempts, due_at, created_at)
                SELECT w.id, :event, :type, :subject, :contact, :seq, :payload, 'PENDING', 0, :due, :now
                FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id
                WHERE e.event_type = :type AND w.enabled
                ON CONFLICT DO NOTHING
                """)
                .param("event", eventId)
                .param("type", type)
                .param("subject", subject)
                .param("contact", contactId, java.sql.Types.BIGINT)
                .param("seq", seq)
                .param("payload", payload)
                .param("now", ts(now))
                .param("due", ts(due))
                .update();
    }

    /** Deletes every delivery whose payload is about an erased contact (webhook_deliveries_contact). */
    public int erase(long contactId) {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE contact_id = :contact")
                .param("contact", contactId)
                .update();
    }

    // Claimable: PENDING and due, or SENDING with its lease expired (its worker died), of an enabled
    // webhook, and the first unfinished row of its webhook and subject by (seq, id): a later event
    // of a subject waits until the earlier one is delivered or finally failed.
    private static final String CLAIMABLE = """
            FROM webhook_deliveries d
            WHERE d.status IN ('PENDING', 'SENDING') AND d.due_at <= :now
              AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.enabled)
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                              WHERE e.webhook_id = d.webhook_id AND e.subject = d.subject
                                AND (e.seq < d.seq OR (e.seq = d.seq AND e.id < d.id))
                                AND e.status IN ('PENDING', 'SENDING'))
            """;

    /**
     * Claims up to {@code limit} claimable rows for this worker: SENDING, one more attempt, leased
     * until {@code leaseUntil}. Its own transaction.
     */
    public List<Claimed> claim(int limit, String worker, Instant leaseUntil, Instant now) {
        return transactions.execute(tx -> postgres
                ? claimSkipLocked(limit, worker, leaseUntil, now)
                : claimLocked(limit, worker, leaseUntil, now));
    }

    private List<Claimed> claimSkipLocked(int limit, String worker, Instant leaseUntil, Instant now) {
        // The plan must walk webhook_deliveries_due in order and stop at the limit. Right after a
        // burst the table's statistics still say it is nearly empty, and the planner then joins every
        // due row before sorting: 0.5 s a claim at 20,000 waiting rows, growing with the backlog
        // (docs/benchmarks.md, webhooks). These settings hold for this transaction only.
        jdbc.sql("SET LOCAL enable_sort = off").update();
        jdbc.sql("SET LOCAL enable_bitmapscan = off").update();
        jdbc.sql("SET LOCAL enable_hashjoin = off").update();
        // the partial index webhook_deliveries_due yields due rows in order, the partial index
        // webhook_deliveries_subject answers the order check; SKIP LOCKED passes over rows another
        // worker is claiming (their followers stay blocked: the check reads them as unfinished)
        return jdbc.sql("""
                WITH picked AS (
                    SELECT d.id
                    %s
                    ORDER BY d.due_at, d.id
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE webhook_deliveries s
                SET status = 'SENDING', attempts = s.attempts + 1, due_at = :lease, leased_by = :me,
                    last_attempt_at = :now
                FROM picked
                WHERE s.id = picked.id
                RETURNING s.id, s.webhook_id, s.event_id, s.event_type, s.payload, s.attempts, s.created_at
                """.formatted(CLAIMABLE))
                .param("limit", limit)
                .param("me", worker)
                .param("lease", ts(leaseUntil))
                .param("now", ts(now))
                .query((rs, n) -> claimed(rs, rs.getInt(6)))
                .list();
    }

    private List<Claimed> claimLocked(int limit, String worker, Instant leaseUntil, Instant now) {
        H2_CLAIM.lock();
        try {
            List<Claimed> picked = jdbc.sql("""
                    SELECT d.id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts, d.created_at
                    %s
                    ORDER BY d.due_at, d.id
                    LIMIT :limit
                    FOR UPDATE
                    """.formatted(CLAIMABLE))
                    .param("limit", limit)
                    .param("now", ts(now))
                    .query((rs, n) -> claimed(rs, rs.getInt(6) + 1))
                    .list();
            if (!picked.isEmpty()) {
                jdbc.sql("""
                        UPDATE webhook_deliveries
                        SET status = 'SENDING', attempts = attempts + 1, due_at = :lease, leased_by = :me,
                            last_attempt_at = :now
                        WHERE id = ANY(:ids)
                        """)
                        .param("ids", picked.stream().map(Claimed::id).toArray(Long[]::new))
                        .param("me", worker)
                        .param("lease", ts(leaseUntil))
                        .param("now", ts(now))
                        .update();
            }
            return picked;
        } finally {
            H2_CLAIM.unlock();
        }
    }

    private static Claimed claimed(ResultSet rs, int attempt) throws SQLException {
        return new Claimed(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                attempt,
                rs.getTimestamp(7).toInstant());
    }

    /**
     * Settles an attempt: DELIVERED or FAILED (finished), or PENDING again until {@code retryAt}.
     * Only the claim that made this attempt settles it: a row re-claimed after its lease expired
     * belongs to the later attempt. True when the row changed.
     */
    public boolean settle(
            Claimed claim, String worker, String status, Integer code, String error, Instant retryAt, Instant now) {
        boolean finished = !"PENDING".equals(status);
        return jdbc.sql("""
                        UPDATE webhook_deliveries
                        SET status = :status, last_status_code = :code, last_error = :error, due_at = :due,
                            finished_at = :finished, leased_by = NULL
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempt AND leased_by = :me
                        """)
                        .param("id", claim.id())
                        .param("attempt", claim.attempt())
                        .param("me", worker)
                        .param("status", status)
                        .param("code", code, java.sql.Types.INTEGER)
                        .param(
                                "error",
                                error == null || error.length() <= 500 ? error : error.substring(0, 500),
                                java.sql.Types.VARCHAR)
                        .param("due", finished ? null : ts(retryAt), java.sql.Types.TIMESTAMP)
                        .param("finished", finished ? ts(now) : null, java.sql.Types.TIMESTAMP)
                        .update()
                == 1;
    }

    /** A page of a webhook's log, newest first, after the cursor (an id) when given. */
    public List<WebhookDelivery> page(long webhookId, String status, Long before, int limit) {
        // webhook_deliveries_log (webhook_id, status, id) read backwards; without a status the
        // primary key filtered by webhook
        return jdbc.sql("""
                SELECT id, webhook_id, event_id, event_type, subject, status, attempts, last_status_code, last_error,
                       created_at, last_attempt_at, due_at, finished_at
                FROM webhook_deliveries
                WHERE webhook_id = :webhook
                  AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)
                  AND (CAST(:before AS BIGINT) IS NULL OR id < :before)
                ORDER BY id DESC
                LIMIT :limit
                """)
                .param("webhook", webhookId)
                .param("status", status, java.sql.Types.VARCHAR)
                .param("before", before, java.sql.Types.BIGINT)
                .param("limit", limit)
                .query((rs, n) -> new WebhookDelivery(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        (Integer) rs.getObject(8, Integer.class),
                        rs.getString(9),
                        instant(rs.getTimestamp(10)),
                        instant(rs.getTimestamp(11)),
                        instant(rs.getTimestamp(12)),
                        instant(rs.getTimestamp(13))))
                .list();
    }
}
