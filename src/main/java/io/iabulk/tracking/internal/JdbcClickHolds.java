package io.iabulk.tracking.internal;

import io.iabulk.platform.Databases;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Clicks held for the burst judgement ({@code tracking_click_holds}). */
@Repository
public class JdbcClickHolds {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    JdbcClickHolds(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** Holds clicks, in the caller's transaction (a click already held is skipped). */
    public void hold(List<HeldClick> clicks) {
        if (clicks.isEmpty()) {
            return;
        }
        if (postgres) {
            holdArrays(clicks);
            return;
        }
        List<Object[]> rows = new ArrayList<>(clicks.size());
        for (HeldClick click : clicks) {
            rows.add(new Object[] {
                click.eventId(),
                Date.valueOf(day(click)),
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

    /** PostgreSQL: the group in one statement over arrays (a batch of single-row inserts costs more). */
    private void holdArrays(List<HeldClick> clicks) {
        int n = clicks.size();
        String[] ids = new String[n];
        String[] days = new String[n];
        Long[] sends = new Long[n];
        Long[] campaigns = new Long[n];
        Integer[] indexes = new Integer[n];
        Integer[] counts = new Integer[n];
        String[] urls = new String[n];
        String[] times = new String[n];
        String[] machines = new String[n];
        for (int i = 0; i < n; i++) {
            HeldClick click = clicks.get(i);
            ids[i] = click.eventId();
            days[i] = day(click).toString();
            sends[i] = click.sendId();
            campaigns[i] = click.campaignId();
            indexes[i] = click.linkIndex();
            counts[i] = click.linkCount();
            urls[i] = click.url();
            times[i] = click.at().toString();
            machines[i] = click.machine();
        }
        jdbc.sql("""
                        INSERT INTO tracking_click_holds (event_id, occurred_on, send_id, campaign_id, link_index,
                            link_count, url, clicked_at, machine)
                        SELECT * FROM unnest(CAST(:ids AS VARCHAR[]), CAST(:days AS DATE[]), CAST(:sends AS BIGINT[]),
                            CAST(:campaigns AS BIGINT[]), CAST(:indexes AS INT[]), CAST(:counts AS INT[]),
                            CAST(:urls AS VARCHAR[]), CAST(:times AS TIMESTAMPTZ[]), CAST(:machines AS VARCHAR[]))
                        ON CONFLICT DO NOTHING
                        """)
                .param("ids", ids)
                .param("days", days)
                .param("sends", sends)
                .param("campaigns", campaigns)
                .param("indexes", indexes)
                .param("counts", counts)
                .param("urls", urls)
                .param("times", times)
                .param("machines", machines)
                .update();
    }

    private static LocalDate day(HeldClick click) {
        return click.at().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * The sends of the (at most {@code limit}) oldest clicks held since {@code before} or earlier,
     * oldest first, a send once per click (their first window may be over).
     */
    public List<Long> sendsHeldSince(Instant before, int limit) {
        // the oldest rows of the clicked_at index, so the cost is the limit's however many are
        // due: DISTINCT here would aggregate every due row first, and a judge that fell behind
        // would only fall further (measured: 420 ms a batch with 300,000 due)
        return jdbc.sql("""
                        SELECT send_id FROM tracking_click_holds WHERE clicked_at <= :before
                        ORDER BY clicked_at LIMIT :limit
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
        if (clicks.isEmpty()) {
            return;
        }
        // one statement by the primary key for the whole group
        jdbc.sql("DELETE FROM tracking_click_holds WHERE event_id = ANY(:ids)")
                .param("ids", clicks.stream().map(HeldClick::eventId).toArray(String[]::new))
                .update();
    }

    /**
     * PostgreSQL: reclaims the rows of released clicks ({@code VACUUM}, which neither blocks nor
     * waits for hits and judges; skipped when another vacuum of the table runs). False on H2, whose
     * storage needs none. Not in a transaction.
     */
    public boolean vacuum() {
        if (!postgres) {
            return false;
        }
        template.execute("VACUUM (SKIP_LOCKED, TRUNCATE FALSE) tracking_click_holds");
        return true;
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
