package io.iabulk.tracking.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Clicks held for the burst judgement ({@code tracking_click_holds}). */
@Repository
public class JdbcClickHolds {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    JdbcClickHolds(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Holds clicks, in the caller's transaction (a click already held is skipped). */
    public void hold(List<HeldClick> clicks) {
        if (clicks.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(clicks.size());
        for (HeldClick click : clicks) {
            rows.add(new Object[] {
                click.eventId(),
                Date.valueOf(click.at().atOffset(ZoneOffset.UTC).toLocalDate()),
                click.sendId(),
                click.campaignId(),
                click.linkIndex(),
                click.linkCount(),
                click.url(),
                Timestamp.from(click.at()),
                click.machine()
            });
        }
        template.batchUpdate("""
                INSERT INTO tracking_click_holds (event_id, occurred_on, send_id, campaign_id, link_index, link_count,
                    url, clicked_at, machine)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows, new int[] {
            Types.VARCHAR,
            Types.DATE,
            Types.BIGINT,
            Types.BIGINT,
            Types.INTEGER,
            Types.INTEGER,
            Types.VARCHAR,
            Types.TIMESTAMP,
            Types.VARCHAR
        });
    }

    /** Sends with a click held since {@code before} or earlier (their first window may be over). */
    public List<Long> sendsHeldSince(Instant before, int limit) {
        // a range of the clicked_at index; DISTINCT because a scanner holds several clicks per send
        return jdbc.sql("""
                        SELECT DISTINCT send_id FROM tracking_click_holds WHERE clicked_at <= :before
                        LIMIT :limit
                        """)
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Every held click of the sends, in send and time order, locked until the caller's transaction
     * ends (so two instances never judge the same clicks twice).
     */
    public List<HeldClick> lockHeld(List<Long> sendIds) {
        // the (send_id, clicked_at) index; rows are locked in that order, the same in every judge
        return jdbc.sql("""
                        SELECT event_id, send_id, campaign_id, link_index, link_count, url, clicked_at, machine
                        FROM tracking_click_holds WHERE send_id = ANY(:ids)
                        ORDER BY send_id, clicked_at, event_id
                        FOR UPDATE
                        """)
                .param("ids", sendIds.toArray(Long[]::new))
                .query(JdbcClickHolds::held)
                .list();
    }

    /** Deletes judged clicks. */
    public void release(Collection<HeldClick> clicks) {
        List<Object[]> ids =
                clicks.stream().map(click -> new Object[] {click.eventId()}).toList();
        template.batchUpdate("DELETE FROM tracking_click_holds WHERE event_id = ?", ids);
    }

    private static HeldClick held(ResultSet rs, int row) throws SQLException {
        return new HeldClick(
                rs.getString(1),
                rs.getLong(2),
                rs.getObject(3, Long.class),
                rs.getInt(4),
                rs.getInt(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                rs.getString(8));
    }
}
