package io.iabulk.tracking.internal;

import io.iabulk.platform.Databases;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which links of a send a human clicked, and the distinct human recipients per campaign link. */
@Repository
public class JdbcLinkClicks {

    /** A link of a campaign. */
    public record CampaignLink(long campaignId, int linkIndex) {}

    private static final Comparator<CampaignLink> ORDER =
            Comparator.comparingLong(CampaignLink::campaignId).thenComparingInt(CampaignLink::linkIndex);

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final boolean postgres;

    JdbcLinkClicks(JdbcTemplate jdbc, JdbcClient client, DataSource dataSource) {
        this.jdbc = jdbc;
        this.client = client;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Records the first human click of each (send, link); returns the clicks that were the first
     * (the others were recorded before). One click per (send, link) please.
     */
    public List<HeldClick> firstClicks(List<HeldClick> clicks) {
        List<HeldClick> first = new ArrayList<>();
        if (clicks.isEmpty()) {
            return first;
        }
        if (postgres) {
            return firstClicksArrays(clicks);
        }
        List<Object[]> rows = new ArrayList<>(clicks.size());
        for (HeldClick click : clicks) {
            rows.add(new Object[] {click.sendId(), click.linkIndex(), Timestamp.from(click.at())});
        }
        // the primary key (send_id, link_index) keeps the first; each row's count says if it was
        int[] counts = jdbc.batchUpdate("""
                INSERT INTO tracking_link_clicks (send_id, link_index, clicked_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                first.add(clicks.get(i));
            }
        }
        return first;
    }

    /**
     * PostgreSQL: the group in one statement whose RETURNING names the rows it added (a batch runs
     * one statement per row). Rows go in key order, so concurrent groups meet in the same order.
     */
    private List<HeldClick> firstClicksArrays(List<HeldClick> clicks) {
        List<HeldClick> sorted = new ArrayList<>(clicks);
        sorted.sort(Comparator.comparingLong(HeldClick::sendId).thenComparingInt(HeldClick::linkIndex));
        int n = sorted.size();
        Long[] sends = new Long[n];
        Integer[] indexes = new Integer[n];
        String[] times = new String[n];
        Map<String, HeldClick> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            HeldClick click = sorted.get(i);
            sends[i] = click.sendId();
            indexes[i] = click.linkIndex();
            times[i] = click.at().toString();
            byKey.put(click.sendId() + ":" + click.linkIndex(), click);
        }
        return client.sql("""
                        INSERT INTO tracking_link_clicks (send_id, link_index, clicked_at)
                        SELECT * FROM unnest(CAST(:sends AS BIGINT[]), CAST(:indexes AS INT[]),
                            CAST(:times AS TIMESTAMPTZ[]))
                        ON CONFLICT DO NOTHING
                        RETURNING send_id, link_index
                        """)
                .param("sends", sends)
                .param("indexes", indexes)
                .param("times", times)
                .query((rs, row) -> byKey.get(rs.getLong(1) + ":" + rs.getInt(2)))
                .list();
    }

    /**
     * Adds new recipients to campaign links; the URL is stored only with a link's first row. Rows
     * are ensured and then updated in key order, so concurrent writers never deadlock on them.
     */
    public void addRecipients(Map<CampaignLink, Long> added, Map<CampaignLink, String> urls) {
        if (added.isEmpty()) {
            return;
        }
        Map<CampaignLink, Long> ordered = new TreeMap<>(ORDER);
        ordered.putAll(added);
        List<Object[]> inserts = new ArrayList<>(ordered.size());
        List<Object[]> updates = new ArrayList<>(ordered.size());
        ordered.forEach((link, n) -> {
            inserts.add(new Object[] {link.campaignId(), link.linkIndex(), urls.get(link)});
            updates.add(new Object[] {n, link.campaignId(), link.linkIndex()});
        });
        jdbc.batchUpdate("""
                INSERT INTO tracking_links (campaign_id, link_index, url, clicks) VALUES (?, ?, ?, 0)
                ON CONFLICT DO NOTHING
                """, inserts);
        jdbc.batchUpdate(
                "UPDATE tracking_links SET clicks = clicks + ? WHERE campaign_id = ? AND link_index = ?", updates);
    }
}
