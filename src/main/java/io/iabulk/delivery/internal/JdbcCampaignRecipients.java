package io.iabulk.delivery.internal;

import io.iabulk.delivery.CampaignRecipient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A campaign's per-recipient log and its rows waiting for their planned time (docs/decisions/0022).
 * Delivery owns the rows and may read contacts (its allowed dependency), so the address is joined
 * here.
 */
@Repository
public class JdbcCampaignRecipients {

    /** Rows fetched at a time by an export. */
    static final int FETCH = 5_000;

    // the unique index (campaign_id, contact_id) yields the campaign's rows in contact order from the
    // cursor on (the ORDER BY names both columns, so the index order is the plan's); the address is
    // one primary-key probe per row
    private static final String SELECT = """
            SELECT s.contact_id, c.email, s.status, s.variant, s.scheduled_at, s.sent_at, s.attempts, s.error,
                   s.opened_at, s.clicked_at
            FROM email_sends s JOIN contacts c ON c.id = s.contact_id
            WHERE s.campaign_id = :campaign AND s.contact_id > :after %s %s
            ORDER BY s.campaign_id, s.contact_id
            """;

    private final JdbcClient jdbc;
    private final JdbcClient streaming;

    JdbcCampaignRecipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.streaming = jdbc;
    }

    @Autowired
    JdbcCampaignRecipients(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH);
        this.streaming = JdbcClient.create(template);
    }

    /** Receives the rows of {@link #forEach}. */
    @FunctionalInterface
    public interface Rows {
        void row(CampaignRecipient recipient) throws IOException;
    }

    /**
     * A keyset page of a campaign's recipients by contact id after {@code after}: {@code status}
     * (one of {@link CampaignRecipient#STATUSES}, or null for all) and {@code contactId} (or null)
     * filter it.
     */
    public List<CampaignRecipient> page(
            long campaignId, String status, Long contactId, long after, int limit, Instant now) {
        return jdbc.sql(SELECT.formatted(filter(status), contactId == null ? "" : "AND s.contact_id = :contact")
                        + " LIMIT :limit")
                .param("campaign", campaignId)
                .param("after", after)
                .param("limit", limit)
                .param("now", SqlTime.ts(now))
                .param("status", status)
                .param("contact", contactId)
                .query((rs, n) -> recipient(rs, now))
                .list();
    }

    /**
     * Every recipient of a campaign (filtered like a page) in contact order: one query, one pass
     * over the index, its rows fetched {@value #FETCH} at a time so memory is bounded by the fetch.
     * PostgreSQL streams only inside a transaction: the caller holds one (read-only) for the export.
     */
    public void forEach(long campaignId, String status, Instant now, Rows rows) {
        streaming
                .sql(SELECT.formatted(filter(status), ""))
                .param("campaign", campaignId)
                .param("after", 0L)
                .param("now", SqlTime.ts(now))
                .param("status", status)
                .query(rs -> {
                    try {
                        rows.row(recipient(rs, now));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String filter(String status) {
        if (status != null && !CampaignRecipient.STATUSES.contains(status)) {
            throw new IllegalArgumentException("Unknown recipient status " + status);
        }
        return switch (status == null ? "" : status) {
            case "" -> "";
            case "SCHEDULED" -> " AND s.status = 'QUEUED' AND s.scheduled_at > :now";
            case "QUEUED" -> " AND s.status = 'QUEUED' AND (s.scheduled_at IS NULL OR s.scheduled_at <= :now)";
            default -> " AND s.status = :status";
        };
    }

    /** The QUEUED rows of these campaigns whose planned time is after {@code now}, by campaign. */
    public Map<Long, Long> scheduled(Collection<Long> campaignIds, Instant now) {
        Map<Long, Long> counts = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return counts;
        }
        // the partial index email_sends_scheduled holds only such rows (PostgreSQL): other campaigns
        // cost one empty index probe
        jdbc.sql("""
                SELECT campaign_id, COUNT(*) FROM email_sends
                WHERE campaign_id = ANY(:ids) AND status = 'QUEUED' AND scheduled_at IS NOT NULL AND scheduled_at > :now
                GROUP BY campaign_id
                """)
                .param("ids", campaignIds.stream().distinct().toArray(Long[]::new))
                .param("now", SqlTime.ts(now))
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    private static CampaignRecipient recipient(ResultSet rs, Instant now) throws SQLException {
        String status = rs.getString(3);
        Instant scheduledAt = instant(rs.getTimestamp(5));
        if ("QUEUED".equals(status) && scheduledAt != null && scheduledAt.isAfter(now)) {
            status = "SCHEDULED";
        }
        return new CampaignRecipient(
                rs.getLong(1),
                rs.getString(2),
                status,
                rs.getObject(4, Integer.class),
                scheduledAt,
                instant(rs.getTimestamp(6)),
                rs.getInt(7),
                rs.getString(8),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
