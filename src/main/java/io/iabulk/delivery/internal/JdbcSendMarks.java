package io.iabulk.delivery.internal;

import io.iabulk.delivery.SendFacts;
import io.iabulk.platform.Databases;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The engagement marks of send rows (first open, click, conversion). Each mark is set by one
 * conditional update, so exactly one caller wins it, whatever the number of instances.
 */
@Repository
public class JdbcSendMarks {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;
    private final VariantCounts variantCounts;

    JdbcSendMarks(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource, VariantCounts variantCounts) {
        this.jdbc = jdbc;
        this.template = template;
        this.variantCounts = variantCounts;
        this.postgres = Databases.isPostgres(dataSource);
    }

    public Optional<SendFacts> facts(long sendId) {
        // primary key lookup
        return jdbc.sql("""
                        SELECT id, contact_id, campaign_id, sent_at, opened_at, clicked_at, converted_at
                        FROM email_sends WHERE id = :id
                        """).param("id", sendId).query(JdbcSendMarks::facts).optional();
    }

    public Map<Long, SendFacts> facts(Collection<Long> sendIds) {
        Map<Long, SendFacts> found = new HashMap<>();
        if (sendIds.isEmpty()) {
            return found;
        }
        // one primary-key probe per id in one statement (a group of tracking hits asks at once)
        jdbc.sql("""
                        SELECT id, contact_id, campaign_id, sent_at, opened_at, clicked_at, converted_at
                        FROM email_sends WHERE id = ANY(:ids)
                        """)
                .param("ids", sendIds.stream().distinct().toArray(Long[]::new))
                .query(JdbcSendMarks::facts)
                .list()
                .forEach(facts -> found.put(facts.sendId(), facts));
        return found;
    }

    /**
     * The sends of these contacts that went out (sent, or refused at SMTP time), by contact, each
     * list in send order; one query on the contact index.
     */
    public Map<Long, List<io.iabulk.delivery.ContactSend>> sentTo(Collection<Long> contactIds) {
        Map<Long, List<io.iabulk.delivery.ContactSend>> sends = new HashMap<>();
        if (contactIds.isEmpty()) {
            return sends;
        }
        jdbc.sql("""
                SELECT contact_id, COALESCE(sent_at, next_attempt_at) AS went_at, opened_at, clicked_at,
                       status = 'BOUNCED' AS bounced, complained_at
                FROM email_sends
                WHERE contact_id = ANY(:ids) AND (sent_at IS NOT NULL OR status = 'BOUNCED')
                ORDER BY contact_id, went_at, id
                """).param("ids", contactIds.toArray(Long[]::new)).query(rs -> {
            Instant at = instant(rs, 2);
            sends.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                    .add(new io.iabulk.delivery.ContactSend(
                            rs.getLong(1),
                            at,
                            instant(rs, 3),
                            instant(rs, 4),
                            rs.getBoolean(5) ? at : null,
                            instant(rs, 6)));
        });
        return sends;
    }

    /**
     * A contact's messages, newest first, below the send id {@code before} (null: from the newest).
     * The contact index finds its rows (a contact's sends are few: sorting them is cheap).
     */
    public List<io.iabulk.delivery.SentMessage> messagesOf(long contactId, Long before, int limit) {
        return jdbc.sql("""
                SELECT id, campaign_id, status, created_at, sent_at, opened_at, clicked_at, converted_at,
                       complained_at, error
                FROM email_sends
                WHERE contact_id = :contact AND id < :before
                ORDER BY id DESC LIMIT :limit
                """)
                .param("contact", contactId)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", limit)
                .query((rs, row) -> new io.iabulk.delivery.SentMessage(
                        rs.getLong(1),
                        rs.getObject(2) == null ? null : rs.getLong(2),
                        rs.getString(3),
                        instant(rs, 4),
                        instant(rs, 5),
                        instant(rs, 6),
                        instant(rs, 7),
                        instant(rs, 8),
                        instant(rs, 9),
                        rs.getString(10)))
                .list();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Sets first opens; the sends won are counted per campaign and subject variant (tracking calls
     * this for human opens only: machine opens never set the mark).
     */
    public Set<Long> markOpened(Map<Long, Instant> firstAt) {
        Set<Long> won = markAll("opened_at", firstAt);
        countVariants(won, false);
        return won;
    }

    /** Sets first clicks (human ones), counted per campaign and subject variant. */
    public Set<Long> markClicked(Map<Long, Instant> firstAt) {
        Set<Long> won = markAll("clicked_at", firstAt);
        countVariants(won, true);
        return won;
    }

    private void countVariants(Set<Long> won, boolean clicks) {
        if (won.isEmpty()) {
            return;
        }
        VariantCounts.Deltas deltas = new VariantCounts.Deltas();
        // primary-key probes of rows this transaction has just updated (and locked)
        jdbc.sql("SELECT campaign_id, variant FROM email_sends WHERE id = ANY(:ids) AND campaign_id IS NOT NULL")
                .param("ids", won.toArray(Long[]::new))
                .query(rs -> {
                    Long campaign = rs.getLong(1);
                    Integer variant = rs.getObject(2, Integer.class);
                    if (clicks) {
                        deltas.clicked(campaign, variant);
                    } else {
                        deltas.opened(campaign, variant);
                    }
                });
        variantCounts.applyBeforeCommit(deltas);
    }

    public boolean markConverted(long sendId, Instant at) {
        return mark("converted_at", sendId, at);
    }

    public OptionalLong latestSend(long contactId, long campaignId) {
        // the (campaign_id, contact_id) unique index: a campaign mails a contact once
        return jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :campaign AND contact_id = :contact")
                .param("campaign", campaignId)
                .param("contact", contactId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    private boolean mark(String column, long sendId, Instant at) {
        // the IS NULL condition makes the first writer the only winner (the row lock serialises them)
        return jdbc.sql("UPDATE email_sends SET " + column + " = :at WHERE id = :id AND " + column + " IS NULL")
                        .param("at", SqlTime.ts(at))
                        .param("id", sendId)
                        .update()
                == 1;
    }

    private Set<Long> markAll(String column, Map<Long, Instant> firstAt) {
        Set<Long> won = new HashSet<>();
        if (firstAt.isEmpty()) {
            return won;
        }
        List<Long> ids = new ArrayList<>(new TreeMap<>(firstAt).keySet());
        if (postgres) {
            return markArrays(column, ids, firstAt);
        }
        // one batch (one round trip) of conditional updates, in id order so that concurrent
        // batches lock rows in the same order; each row's count tells whether this batch won it
        List<Object[]> args = new ArrayList<>(ids.size());
        for (Long id : ids) {
            args.add(new Object[] {SqlTime.ts(firstAt.get(id)), id});
        }
        int[] counts = template.batchUpdate(
                "UPDATE email_sends SET " + column + " = ? WHERE id = ? AND " + column + " IS NULL", args);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                won.add(ids.get(i));
            }
        }
        return won;
    }

    /**
     * PostgreSQL: one statement for the whole group (a batch runs one statement per row, which
     * costs the database several times more). The ids go in sorted, and the plan for a group of
     * this size probes the primary key per array element in that order, so concurrent groups lock
     * rows in the same order; a deadlock all the same fails the group, which its callers retry.
     */
    private Set<Long> markArrays(String column, List<Long> ids, Map<Long, Instant> firstAt) {
        String[] times = new String[ids.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = firstAt.get(ids.get(i)).truncatedTo(ChronoUnit.MICROS).toString();
        }
        return new HashSet<>(jdbc.sql("UPDATE email_sends s SET " + column + " = v.at"
                        + " FROM unnest(CAST(:ids AS BIGINT[]), CAST(:times AS TIMESTAMPTZ[])) AS v(id, at)"
                        + " WHERE s.id = v.id AND s." + column + " IS NULL RETURNING s.id")
                .param("ids", ids.toArray(Long[]::new))
                .param("times", times)
                .query(Long.class)
                .list());
    }

    private static SendFacts facts(ResultSet rs, int row) throws SQLException {
        return new SendFacts(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, Long.class),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
