package io.iabulk.delivery.internal;

import io.iabulk.delivery.AudienceQuery;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.delivery.internal.SendCounts.Deltas;
import io.iabulk.platform.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send queue in SQL: queueing (transactional messages, campaign snapshots), the claim of due
 * rows and cancellation. Every statement that moves rows applies the count deltas in its
 * transaction.
 */
@Repository
public class JdbcSendQueue {

    /** H2 has no SKIP LOCKED: claims of one (embedded) instance take turns instead. */
    private static final ReentrantLock H2_CLAIM = new ReentrantLock();

    private final JdbcClient jdbc;
    private final SendCounts counts;
    private final VariantAssignments assignments;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final DataSource dataSource;

    JdbcSendQueue(
            JdbcClient jdbc,
            SendCounts counts,
            VariantAssignments variants,
            PlatformTransactionManager transactions,
            DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.counts = counts;
        this.assignments = variants;
        this.transactions = new TransactionTemplate(transactions);
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Queues one transactional message (joins the caller's transaction). A suppressed contact still
     * gets its row, as {@code SUPPRESSED} and without the context (never rendered, so its data is
     * not kept), so every request leaves a trace. Returns the row id, or
     * null when there is no such contact.
     */
    public Long enqueue(long contactId, long templateId, String contextJson, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO email_sends (contact_id, template_id, variant, context, status, attempts,
                                         next_attempt_at, possibly_duplicated, created_at)
                SELECT c.id, :template, 0, CASE WHEN c.status = 'ACTIVE' THEN :context END,
                       CASE WHEN c.status = 'ACTIVE' THEN 'QUEUED' ELSE 'SUPPRESSED' END, 0, :now, FALSE, :now
                FROM contacts c WHERE c.id = :contact
                """)
                .param("contact", contactId)
                .param("template", templateId)
                .param("context", contextJson, java.sql.Types.VARCHAR)
                .param("now", SqlTime.ts(now))
                .update(key, "id");
        return inserted == 0 ? null : key.getKey().longValue();
    }

    /**
     * Queues transactional messages of one template as {@link #enqueue} does, in one JDBC batch
     * (joins the caller's transaction); returns their row ids in the order given.
     *
     * @throws IllegalStateException when a contact does not exist (nothing is then committed by a
     *     caller that lets it fail its transaction)
     */
    public long[] enqueueAll(long templateId, long[] contactIds, List<String> contexts, Instant now) {
        if (contactIds.length == 0) {
            return new long[0];
        }
        java.sql.Timestamp at = SqlTime.ts(now);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        int[] counts = new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .batchUpdate(
                        con -> con.prepareStatement("""
                                INSERT INTO email_sends (contact_id, template_id, variant, context, status, attempts,
                                                         next_attempt_at, possibly_duplicated, created_at)
                                SELECT c.id, ?, 0, CASE WHEN c.status = 'ACTIVE' THEN ? END,
                                       CASE WHEN c.status = 'ACTIVE' THEN 'QUEUED' ELSE 'SUPPRESSED' END, 0, ?, FALSE, ?
                                FROM contacts c WHERE c.id = ?
                                """, new String[] {"id"}),
                        new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                            @Override
                            public void setValues(java.sql.PreparedStatement ps, int i) throws SQLException {
                                ps.setLong(1, templateId);
                                ps.setString(2, contexts.get(i));
                                ps.setTimestamp(3, at);
                                ps.setTimestamp(4, at);
                                ps.setLong(5, contactIds[i]);
                            }

                            @Override
                            public int getBatchSize() {
                                return contactIds.length;
                            }
                        },
                        keys);
        List<Map<String, Object>> rows = keys.getKeyList();
        for (int count : counts) {
            if (count == 0) {
                throw new IllegalStateException("a message's contact does not exist");
            }
        }
        if (rows.size() != contactIds.length) {
            throw new IllegalStateException("expected " + contactIds.length + " ids, got " + rows.size());
        }
        long[] ids = new long[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) rows.get(i).values().iterator().next()).longValue();
        }
        return ids;
    }

    /**
     * Inserts one chunk of a campaign's audience (joins the caller's transaction): the next {@code
     * chunkSize} contacts after {@code afterContactId}, ACTIVE ones as QUEUED rows, the others only
     * counted as SUPPRESSED.
     */
    public SnapshotChunk snapshot(
            long campaignId,
            Long templateId,
            AudienceQuery audience,
            int variants,
            long after,
            int chunkSize,
            Instant now) {
        return snapshot(campaignId, templateId, audience, variants, after, chunkSize, now, null);
    }

    /**
     * As {@link #snapshot(long, Long, AudienceQuery, int, long, int, Instant)}, each new row planned
     * for the time {@code times} gives its contact (null: now): its {@code scheduled_at} and first
     * {@code next_attempt_at}, so no claim takes it earlier.
     */
    public SnapshotChunk snapshot(
            long campaignId,
            Long templateId,
            AudienceQuery audience,
            int variants,
            long after,
            int chunkSize,
            Instant now,
            io.iabulk.delivery.SendTimes times) {
        if (variants < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("variants and chunkSize must be at least 1");
        }
        Map<String, Object> params = new HashMap<>(audience.params());
        params.put("after", after);
        params.put("chunk", chunkSize);
        params.put("campaign", campaignId);
        // the chunk is a range of contact ids: its bounds first (the audience's own order by id),
        // then the insert of the ACTIVE ones within it, so suppressed contacts advance the cursor too
        long[] bounds = jdbc.sql("""
                SELECT MAX(c.id), COUNT(*), COALESCE(SUM(CASE WHEN c.status = 'ACTIVE' THEN 0 ELSE 1 END), 0)
                FROM (SELECT a.id, a.status FROM (%s) a WHERE a.id > :after ORDER BY a.id LIMIT :chunk) c
                """.formatted(audience.sql()))
                .params(params)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        long seen = bounds[1];
        counts.ensure(campaignId);
        if (seen == 0) {
            return new SnapshotChunk(0, 0, after, true);
        }
        long last = bounds[0];
        params.put("last", last);
        params.put("template", templateId);
        params.put("variants", variants);
        // an adaptive campaign's rows get their variant when claimed (ADR 0023)
        params.put("adaptive", assignments.adaptive(campaignId) != null);
        params.put("now", SqlTime.ts(now));
        int inserted = times == null
                ? insertNow(audience, params)
                : insertPlanned(campaignId, templateId, audience, variants, params, times, now);
        int suppressed = (int) bounds[2];
        counts.apply(new Deltas()
                .add(campaignId, SendStatus.QUEUED, inserted)
                .add(campaignId, SendStatus.SUPPRESSED, suppressed));
        boolean done = seen < chunkSize;
        if (done && after > 0 && postgres) {
            // the snapshot was a bulk load (more than one chunk): fresh statistics, or PostgreSQL
            // plans reads of the new rows (the recipients log with a status filter) as if the
            // table held none of them, until autovacuum analyses it (docs/decisions/0022)
            jdbc.sql("ANALYZE email_sends").update();
        }
        return new SnapshotChunk(inserted, suppressed, last, done);
    }

    private int insertNow(AudienceQuery audience, Map<String, Object> params) {
        return jdbc.sql("""
                INSERT INTO email_sends (campaign_id, contact_id, template_id, variant, status, attempts,
                                         next_attempt_at, possibly_duplicated, created_at)
                SELECT :campaign, a.id, CAST(:template AS BIGINT),
                       CASE WHEN :adaptive THEN CAST(NULL AS INT) ELSE MOD(a.id, :variants) END, 'QUEUED', 0, :now, FALSE, :now
                FROM (%s) a
                WHERE a.id > :after AND a.id <= :last AND a.status = 'ACTIVE'
                ON CONFLICT DO NOTHING
                """.formatted(audience.sql())).params(params).update();
    }

    /**
     * The chunk's ACTIVE contacts not yet in the campaign, planned by {@code times}, then inserted
     * with their times: one array insert on PostgreSQL, a batch on H2 (embedded, small audiences).
     */
    private int insertPlanned(
            long campaignId,
            Long templateId,
            AudienceQuery audience,
            int variants,
            Map<String, Object> params,
            io.iabulk.delivery.SendTimes times,
            Instant now) {
        // the chunk's range of the audience again (its own order by id), less the contacts a repeated
        // chunk already queued (the unique campaign/contact index answers NOT EXISTS)
        long[] ids = jdbc.sql("""
                SELECT a.id FROM (%s) a
                WHERE a.id > :after AND a.id <= :last AND a.status = 'ACTIVE'
                  AND NOT EXISTS (SELECT 1 FROM email_sends e WHERE e.campaign_id = :campaign AND e.contact_id = a.id)
                ORDER BY a.id
                """.formatted(audience.sql())).params(params).query(Long.class).list().stream()
                .mapToLong(Long::longValue)
                .toArray();
        if (ids.length == 0) {
            return 0;
        }
        Instant[] at = times.of(ids);
        if (at.length != ids.length) {
            throw new IllegalStateException("The send times do not match the contacts");
        }
        if (postgres) {
            Long[] boxed = new Long[ids.length];
            String[] stamps = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                boxed[i] = ids[i];
                stamps[i] = (at[i] == null ? now : at[i])
                        .truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                        .toString();
            }
            return jdbc.sql("""
                    INSERT INTO email_sends (campaign_id, contact_id, template_id, variant, status, attempts,
                                             next_attempt_at, scheduled_at, possibly_duplicated, created_at)
                    SELECT :campaign, v.id, CAST(:template AS BIGINT),
                           CASE WHEN :adaptive THEN CAST(NULL AS INT) ELSE MOD(v.id, :variants) END, 'QUEUED', 0,
                           v.at, v.at, FALSE, :now
                    FROM unnest(CAST(:ids AS BIGINT[]), CAST(:times AS TIMESTAMPTZ[])) AS v(id, at)
                    ON CONFLICT DO NOTHING
                    """)
                    .param("adaptive", params.get("adaptive"))
                    .param("campaign", campaignId)
                    .param("template", templateId)
                    .param("variants", variants)
                    .param("now", SqlTime.ts(now))
                    .param("ids", boxed)
                    .param("times", stamps)
                    .update();
        }
        List<Object[]> rows = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            java.sql.Timestamp ts = SqlTime.ts(at[i] == null ? now : at[i]);
            // an adaptive campaign's rows get their variant when claimed (ADR 0023)
            Integer variant =
                    Boolean.TRUE.equals(params.get("adaptive")) ? null : (int) Math.floorMod(ids[i], (long) variants);
            rows.add(new Object[] {campaignId, ids[i], templateId, variant, ts, ts, SqlTime.ts(now)});
        }
        int inserted = 0;
        for (int n : new org.springframework.jdbc.core.JdbcTemplate(dataSource).batchUpdate("""
                INSERT INTO email_sends (campaign_id, contact_id, template_id, variant, status, attempts,
                                         next_attempt_at, scheduled_at, possibly_duplicated, created_at)
                VALUES (?, ?, ?, ?, 'QUEUED', 0, ?, ?, FALSE, ?)
                ON CONFLICT DO NOTHING
                """, rows)) {
            inserted += Math.max(n, 0);
        }
        return inserted;
    }

    /**
     * Claims up to {@code limit} due rows of one lane (a campaign, or transactional mail when
     * {@code campaignId} is null) for this worker: status SENDING, one more attempt, leased. Rows
     * of a campaign that is not active are not claimed. Its own transaction.
     */
    public List<QueuedSend> claim(Long campaignId, int limit, String instanceId, Instant leaseUntil, Instant now) {
        return transactions.execute(tx -> {
            List<Claimed> claimed = postgres
                    ? claimSkipLocked(campaignId, limit, instanceId, leaseUntil, now)
                    : claimLocked(campaignId, limit, instanceId, leaseUntil, now);
            Deltas deltas = new Deltas();
            List<QueuedSend> sends = new ArrayList<>(claimed.size());
            for (Claimed c : claimed) {
                deltas.move(c.send().campaignId(), c.was(), SendStatus.SENDING);
                if (c.was() == SendStatus.UNKNOWN && !c.wasDuplicate()) {
                    deltas.add(c.send().campaignId(), SendStatus.POSSIBLY_DUPLICATED, 1);
                }
                sends.add(c.send());
            }
            if (campaignId != null) {
                sends = assignments.assign(campaignId, sends);
            }
            counts.apply(deltas);
            return sends;
        });
    }

    private record Claimed(QueuedSend send, SendStatus was, boolean wasDuplicate) {}

    private static final String DUE = """
            FROM email_sends
            WHERE %s AND status IN ('QUEUED', 'UNKNOWN') AND next_attempt_at <= :now
            """;

    private static String lane(Long campaignId) {
        // the active flag is read in the claim itself, so a pause stops new claims at once
        return campaignId == null
                ? "campaign_id IS NULL"
                : "campaign_id = :campaign AND EXISTS (SELECT 1 FROM send_campaigns sc"
                        + " WHERE sc.campaign_id = :campaign AND sc.active)";
    }

    private List<Claimed> claimSkipLocked(
            Long campaignId, int limit, String instanceId, Instant leaseUntil, Instant now) {
        // one statement: the partial index email_sends_due yields the lane's due rows in order,
        // SKIP LOCKED passes over rows another worker is claiming, RETURNING reads the claimed rows
        // together with their previous status (for the counts)
        return jdbc.sql("""
                WITH picked AS (
                    SELECT id, status AS was, possibly_duplicated AS was_duplicate
                    %s
                    ORDER BY next_attempt_at
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE email_sends s
                SET status = 'SENDING', attempts = s.attempts + 1, lease_until = :lease, leased_by = :me,
                    possibly_duplicated = s.possibly_duplicated OR picked.was = 'UNKNOWN'
                FROM picked
                WHERE s.id = picked.id
                RETURNING s.id, s.campaign_id, s.contact_id, s.template_id, s.variant, s.attempts, s.context,
                          picked.was, picked.was_duplicate
                """.formatted(DUE.formatted(lane(campaignId))))
                .param("campaign", campaignId)
                .param("limit", limit)
                .param("me", instanceId)
                .param("lease", SqlTime.ts(leaseUntil))
                .param("now", SqlTime.ts(now))
                .query((rs, row) -> claimed(rs, rs.getInt(6)))
                .list();
    }

    private List<Claimed> claimLocked(Long campaignId, int limit, String instanceId, Instant leaseUntil, Instant now) {
        H2_CLAIM.lock();
        try {
            List<Claimed> picked = jdbc.sql("""
                    SELECT id, campaign_id, contact_id, template_id, variant, attempts, context, status, possibly_duplicated
                    %s
                    ORDER BY next_attempt_at
                    LIMIT :limit
                    FOR UPDATE
                    """.formatted(DUE.formatted(lane(campaignId))))
                    .param("campaign", campaignId)
                    .param("limit", limit)
                    .param("now", SqlTime.ts(now))
                    .query((rs, row) -> claimed(rs, rs.getInt(6) + 1))
                    .list();
            if (!picked.isEmpty()) {
                jdbc.sql("""
                        UPDATE email_sends
                        SET status = 'SENDING', attempts = attempts + 1, lease_until = :lease, leased_by = :me,
                            possibly_duplicated = possibly_duplicated OR status = 'UNKNOWN'
                        WHERE id = ANY(:ids)
                        """)
                        .param(
                                "ids",
                                picked.stream().map(c -> c.send().sendId()).toArray(Long[]::new))
                        .param("me", instanceId)
                        .param("lease", SqlTime.ts(leaseUntil))
                        .update();
            }
            return picked;
        } finally {
            H2_CLAIM.unlock();
        }
    }

    private static Claimed claimed(ResultSet rs, int attempt) throws SQLException {
        long templateId = rs.getLong(4);
        QueuedSend send = new QueuedSend(
                rs.getLong(1),
                rs.getObject(2) == null ? null : rs.getLong(2),
                rs.getLong(3),
                templateId,
                rs.getObject(5) == null ? -1 : rs.getInt(5), // -1: an adaptive row's variant is chosen now
                attempt,
                rs.getString(7));
        return new Claimed(send, SendStatus.valueOf(rs.getString(8)), rs.getBoolean(9));
    }

    /** The status of a send row, or null when there is none. */
    public String status(long sendId) {
        return jdbc.sql("SELECT status FROM email_sends WHERE id = :id")
                .param("id", sendId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Cancels a campaign's rows not yet in flight (QUEUED, UNKNOWN); joins the caller's transaction. */
    public long cancel(long campaignId) {
        // lock first (in id order, like the committer and the reaper) and update by id: the counts
        // then move exactly the rows that changed, even while a snapshot chunk commits concurrently
        Map<Long, String> was = new HashMap<>();
        jdbc.sql("""
                SELECT id, status FROM email_sends
                WHERE campaign_id = :campaign AND status IN ('QUEUED', 'UNKNOWN')
                ORDER BY id
                FOR UPDATE
                """).param("campaign", campaignId).query(rs -> {
            was.put(rs.getLong(1), rs.getString(2));
        });
        if (was.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                UPDATE email_sends SET status = 'CANCELLED', lease_until = NULL, error = 'campaign cancelled'
                WHERE id = ANY(:ids)
                """).param("ids", was.keySet().toArray(Long[]::new)).update();
        Deltas deltas = new Deltas();
        for (String status : was.values()) {
            deltas.move(campaignId, SendStatus.valueOf(status), SendStatus.CANCELLED);
        }
        counts.apply(deltas);
        return was.size();
    }
}
