package io.iabulk.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which campaigns workers may claim from ({@code send_campaigns}) and which instances are live. */
@Repository
public class JdbcSendCampaigns {

    /** An active campaign and its rate limit (messages per second over all instances, or null). */
    public record ActiveCampaign(long campaignId, Integer maxRatePerSecond) {}

    private final JdbcClient jdbc;

    JdbcSendCampaigns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Lets workers claim the campaign's rows (creates or updates its entry). */
    public void activate(long campaignId, Integer maxRatePerSecond, Instant now) {
        int updated = jdbc.sql("""
                UPDATE send_campaigns SET active = TRUE, max_rate_per_second = :rate, updated_at = :now
                WHERE campaign_id = :campaign
                """)
                .param("campaign", campaignId)
                .param("rate", maxRatePerSecond, java.sql.Types.INTEGER)
                .param("now", SqlTime.ts(now))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO send_campaigns (campaign_id, active, max_rate_per_second, updated_at)
                    VALUES (:campaign, TRUE, :rate, :now) ON CONFLICT DO NOTHING
                    """)
                    .param("campaign", campaignId)
                    .param("rate", maxRatePerSecond, java.sql.Types.INTEGER)
                    .param("now", SqlTime.ts(now))
                    .update();
        }
    }

    /**
     * Sets how the campaign's subject variants are chosen: adaptively when claimed, or (null) split
     * at the snapshot. Set before its audience is snapshotted (the snapshot reads it).
     */
    public void selectVariants(long campaignId, io.iabulk.delivery.AdaptiveVariants adaptive) {
        jdbc.sql("""
                UPDATE send_campaigns SET adaptive_variants = :variants, adaptive_goal = :goal
                WHERE campaign_id = :campaign
                """)
                .param("campaign", campaignId)
                .param("variants", adaptive == null ? null : adaptive.variants(), java.sql.Types.INTEGER)
                .param("goal", adaptive == null ? null : adaptive.goal().name(), java.sql.Types.VARCHAR)
                .update();
    }

    /** Stops new claims of the campaign's rows; rows in flight finish. */
    public void deactivate(long campaignId, Instant now) {
        jdbc.sql("UPDATE send_campaigns SET active = FALSE, updated_at = :now WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .param("now", SqlTime.ts(now))
                .update();
    }

    public List<ActiveCampaign> active() {
        return jdbc.sql("SELECT campaign_id, max_rate_per_second FROM send_campaigns WHERE active ORDER BY campaign_id")
                .query((rs, row) -> new ActiveCampaign(rs.getLong(1), (Integer) rs.getObject(2, Integer.class)))
                .list();
    }

    /** Records that this instance is alive, and forgets instances silent for a day. */
    public void heartbeat(String instanceId, Instant now) {
        int updated = jdbc.sql("UPDATE delivery_instances SET seen_at = :now WHERE instance_id = :id")
                .param("id", instanceId)
                .param("now", SqlTime.ts(now))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO delivery_instances (instance_id, seen_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
                    .param("id", instanceId)
                    .param("now", SqlTime.ts(now))
                    .update();
            jdbc.sql("DELETE FROM delivery_instances WHERE seen_at < :old")
                    .param("old", SqlTime.ts(now.minus(Duration.ofDays(1))))
                    .update();
        }
    }

    /** Instances seen within the window (at least 1: the caller is live). */
    public int liveInstances(Instant now, Duration window) {
        int live = jdbc.sql("SELECT COUNT(*) FROM delivery_instances WHERE seen_at >= :since")
                .param("since", SqlTime.ts(now.minus(window)))
                .query(Integer.class)
                .single();
        return Math.max(1, live);
    }
}
