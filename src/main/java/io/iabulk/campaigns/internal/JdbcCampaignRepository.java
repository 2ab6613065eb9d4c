package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.Audience;
import io.iabulk.campaigns.CampaignStatus;
import io.iabulk.campaigns.NewCampaign;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Campaigns in SQL. */
@Repository
public class JdbcCampaignRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, name, status, template_id, audience_kind, audience_id, from_address, reply_to, subject_variants,
            send_at, max_rate_per_second, context_contest_id, created_at, started_at, finished_at, snapshot_cursor,
            snapshot_done, track_conversions, sto_window_hours, variant_selection, variant_goal""";

    private final JdbcClient jdbc;

    JdbcCampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A campaign row. */
    public record CampaignRow(
            long id,
            String name,
            CampaignStatus status,
            long templateId,
            Audience audience,
            String from,
            String replyTo,
            List<String> subjectVariants,
            Instant sendAt,
            Integer maxRatePerSecond,
            Long contextContestId,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Long snapshotCursor,
            boolean snapshotDone,
            boolean trackConversions,
            Integer stoWindowHours,
            String variantSelection,
            String goal) {

        /** The adaptive choice of subject variants, or null when they are split at the snapshot. */
        public io.iabulk.delivery.AdaptiveVariants adaptive() {
            if (!"adaptive".equals(variantSelection) || subjectVariants == null || subjectVariants.size() < 2) {
                return null;
            }
            return new io.iabulk.delivery.AdaptiveVariants(subjectVariants.size(), goalOf(goal));
        }

        /** The delivery goal of a stored goal ({@code open} or {@code click}). */
        public static io.iabulk.delivery.AdaptiveVariants.Goal goalOf(String goal) {
            return "click".equals(goal)
                    ? io.iabulk.delivery.AdaptiveVariants.Goal.CLICK
                    : io.iabulk.delivery.AdaptiveVariants.Goal.OPEN;
        }
    }

    public long insert(NewCampaign campaign, Long contextContestId, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO campaigns (name, template_id, audience_kind, audience_id, context_contest_id, from_address,
                    reply_to, subject_variants, send_at, max_rate_per_second, track_conversions, sto_window_hours,
                    status, created_at, updated_at, variant_selection, variant_goal)
                VALUES (:name, :template, :kind, :audienceId, :contest, :from, :replyTo, :variants, :sendAt, :rate,
                    :trackConversions, :stoWindow, 'DRAFT', :now, :now, :variantSelection, :goal)
                """)
                .param("name", campaign.name())
                .param("template", campaign.templateId())
                .param("kind", campaign.audience().kind().name())
                .param("audienceId", campaign.audience().id())
                .param("contest", contextContestId)
                .param("from", campaign.from())
                .param("replyTo", campaign.replyTo())
                .param(
                        "variants",
                        campaign.subjectVariants() == null ? null : JSON.writeValueAsString(campaign.subjectVariants()))
                .param("sendAt", timestamp(campaign.sendAt()))
                .param("rate", campaign.maxRatePerSecond())
                .param("trackConversions", campaign.tracksConversions())
                .param(
                        "stoWindow",
                        campaign.sendTimeOptimization() == null
                                ? null
                                : campaign.sendTimeOptimization().windowHours(),
                        java.sql.Types.INTEGER)
                .param("variantSelection", campaign.adaptive() ? "adaptive" : "split")
                .param("goal", campaign.goalOrDefault())
                .param("now", timestamp(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<CampaignRow> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id = :id")
                .param("id", id)
                .query(JdbcCampaignRepository::row)
                .optional();
    }

    /** The names of these campaigns, by id, in one primary-key query; unknown ids are absent. */
    public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM campaigns WHERE id = ANY(:ids)")
                    .param("ids", ids.stream().distinct().toArray(Long[]::new))
                    .query(rs -> {
                        names.put(rs.getLong(1), rs.getString(2));
                    });
        }
        return names;
    }

    /** Keyset page by id, newest last. */
    public List<CampaignRow> list(long after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", after)
                .param("limit", limit)
                .query(JdbcCampaignRepository::row)
                .list();
    }

    /** Keyset page by id, newest first (the primary key index read backwards). */
    public List<CampaignRow> listNewestFirst(long before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .query(JdbcCampaignRepository::row)
                .list();
    }

    /**
     * Moves a campaign from one of {@code from} to {@code to}; false when it was not in one of them
     * (a concurrent change won). The status check in the WHERE makes each transition happen once.
     */
    public boolean transition(long id, Collection<CampaignStatus> from, CampaignStatus to, Instant now) {
        return jdbc.sql("""
                UPDATE campaigns SET status = :to, updated_at = :now,
                    started_at = CASE WHEN :to = 'RUNNING' AND started_at IS NULL THEN :now ELSE started_at END,
                    finished_at = CASE WHEN :to IN ('FINISHED', 'CANCELLED') THEN :now ELSE finished_at END
                WHERE id = :id AND status IN (:from)
                """)
                        .param("id", id)
                        .param("to", to.name())
                        .param("from", from.stream().map(Enum::name).toList())
                        .param("now", timestamp(now))
                        .update()
                == 1;
    }

    /** Campaigns in a status (small sets: running or scheduled campaigns). */
    public List<CampaignRow> inStatus(CampaignStatus status) {
        // campaigns_status index
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE status = :status ORDER BY id")
                .param("status", status.name())
                .query(JdbcCampaignRepository::row)
                .list();
    }

    /** Campaigns in any of the statuses (small sets: running, paused), the latest started first. */
    public List<CampaignRow> inStatuses(Collection<CampaignStatus> statuses, int limit) {
        // campaigns_status index: few rows are RUNNING or PAUSED at once
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE status IN (:statuses)"
                        + " ORDER BY started_at DESC NULLS LAST, id DESC LIMIT :limit")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .param("limit", limit)
                .query(JdbcCampaignRepository::row)
                .list();
    }

    /**
     * Locks a running campaign whose audience is still being snapshotted, skipping one another
     * instance holds: only one instance snapshots a campaign at a time.
     */
    public Optional<CampaignRow> lockForSnapshot(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaigns WHERE id = :id AND status IN ('RUNNING', 'PAUSED') "
                        + "AND snapshot_done = FALSE FOR UPDATE SKIP LOCKED")
                .param("id", id)
                .query(JdbcCampaignRepository::row)
                .optional();
    }

    public void advanceSnapshot(long id, long cursor, boolean done, Instant now) {
        jdbc.sql("""
                UPDATE campaigns SET snapshot_cursor = :cursor, snapshot_done = :done, updated_at = :now WHERE id = :id
                """)
                .param("id", id)
                .param("cursor", cursor)
                .param("done", done)
                .param("now", timestamp(now))
                .update();
    }

    private static CampaignRow row(ResultSet rs, int n) throws SQLException {
        String variants = rs.getString("subject_variants");
        long cursor = rs.getLong("snapshot_cursor");
        Long snapshotCursor = rs.wasNull() ? null : cursor;
        long audienceId = rs.getLong("audience_id");
        Long audience = rs.wasNull() ? null : audienceId;
        long contest = rs.getLong("context_contest_id");
        Long contextContest = rs.wasNull() ? null : contest;
        int rate = rs.getInt("max_rate_per_second");
        Integer maxRate = rs.wasNull() ? null : rate;
        int window = rs.getInt("sto_window_hours");
        Integer stoWindow = rs.wasNull() ? null : window;
        return new CampaignRow(
                rs.getLong("id"),
                rs.getString("name"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getLong("template_id"),
                Audience.of(Audience.Kind.valueOf(rs.getString("audience_kind")), audience),
                rs.getString("from_address"),
                rs.getString("reply_to"),
                variants == null ? null : JSON.readValue(variants, STRINGS),
                instant(rs.getTimestamp("send_at")),
                maxRate,
                contextContest,
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                snapshotCursor,
                rs.getBoolean("snapshot_done"),
                rs.getBoolean("track_conversions"),
                stoWindow,
                rs.getString("variant_selection"),
                rs.getString("variant_goal"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
