package io.iabulk.tracking;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other modules read from tracking. */
@Service
public class TrackingService {

    private final JdbcClient jdbc;

    TrackingService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The most clicked links of a campaign by distinct human recipients, most first. */
    public List<LinkClicks> topLinks(long campaignId, int limit) {
        // reads the campaign's rows of the primary key; a campaign has few links
        return jdbc.sql("""
                        SELECT url, clicks FROM tracking_links
                        WHERE campaign_id = :campaign AND clicks > 0
                        ORDER BY clicks DESC, link_index
                        LIMIT :limit
                        """)
                .param("campaign", campaignId)
                .param("limit", limit)
                .query((rs, row) -> new LinkClicks(rs.getString(1), rs.getLong(2)))
                .list();
    }
}
