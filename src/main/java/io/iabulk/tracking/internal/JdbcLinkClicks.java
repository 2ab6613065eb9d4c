package io.iabulk.tracking.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which links of a send a human clicked, and the distinct human recipients per campaign link. */
@Repository
public class JdbcLinkClicks {

    /** A link of a campaign. */
    public record CampaignLink(long campaignId, int linkIndex) {}

    private static final Comparator<CampaignLink> ORDER =
            Comparator.comparingLong(CampaignLink::campaignId).thenComparingInt(CampaignLink::linkIndex);

    private final JdbcTemplate jdbc;

    JdbcLinkClicks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
