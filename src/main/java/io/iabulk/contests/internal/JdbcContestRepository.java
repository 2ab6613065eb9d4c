package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestExperience;
import io.iabulk.contests.ContestSort;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.Milestone;
import io.iabulk.platform.PublicUrls;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Contests in SQL; milestones are kept as a small JSON array in the row. */
@Repository
public class JdbcContestRepository {

    private static final TypeReference<List<Milestone>> MILESTONES = new TypeReference<>() {};
    private static final String COLUMNS = """
            id, slug, name, status, starts_at, ends_at, points_per_signup, points_per_referral,
            require_confirmation, milestones, ended_at, created_at, updated_at,
            description, prize, image_url, logo_url, accent_color, terms, show_leaderboard, allowed_origins,
            welcome_email, rank_digest""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PublicUrls urls;

    JdbcContestRepository(JdbcClient jdbc, JsonMapper json, PublicUrls urls) {
        this.jdbc = jdbc;
        this.json = json;
        this.urls = urls;
    }

    /** The fields of a contest that an operator sets. */
    public record Fields(
            String name,
            String slug,
            Instant startsAt,
            Instant endsAt,
            int pointsPerSignup,
            int pointsPerReferral,
            boolean requireConfirmation,
            List<Milestone> milestones,
            ContestExperience experience) {}

    public long insert(Fields fields, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO contests (slug, name, status, starts_at, ends_at, points_per_signup,
                    points_per_referral, require_confirmation, milestones, created_at, updated_at,
                    description, prize, image_url, logo_url, accent_color, terms, show_leaderboard, allowed_origins,
                    welcome_email, rank_digest)
                VALUES (:slug, :name, 'DRAFT', :startsAt, :endsAt, :pps, :ppr, :confirm, :milestones, :now, :now,
                    :description, :prize, :imageUrl, :logoUrl, :accentColor, :terms, :showLeaderboard, :origins,
                    :welcome, :rankDigest)
                """).paramSource(params(fields, now)).update(key, "id");
        return key.getKey().longValue();
    }

    public void update(long id, Fields fields, Instant now) {
        jdbc.sql("""
                UPDATE contests SET slug = :slug, name = :name, starts_at = :startsAt, ends_at = :endsAt,
                    points_per_signup = :pps, points_per_referral = :ppr, require_confirmation = :confirm,
                    milestones = :milestones, updated_at = :now, description = :description, prize = :prize,
                    image_url = :imageUrl, logo_url = :logoUrl, accent_color = :accentColor, terms = :terms,
                    show_leaderboard = :showLeaderboard, allowed_origins = :origins,
                    welcome_email = :welcome, rank_digest = :rankDigest
                WHERE id = :id
                """).paramSource(params(fields, now).addValue("id", id)).update();
    }

    /** Moves a contest from one status to another; false when it was not in {@code from}. */
    public boolean transition(long id, ContestStatus from, ContestStatus to, Instant now) {
        return jdbc.sql("""
                        UPDATE contests SET status = :to, updated_at = :now,
                            ended_at = CASE WHEN :to = 'ENDED' THEN :now ELSE ended_at END
                        WHERE id = :id AND status = :from
                        """)
                        .param("id", id)
                        .param("from", from.name())
                        .param("to", to.name())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<Contest> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contests WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public Optional<Contest> findBySlug(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contests WHERE slug = :slug")
                .param("slug", slug)
                .query(this::map)
                .optional();
    }

    public boolean slugTaken(String slug, long exceptId) {
        return jdbc.sql("SELECT count(*) FROM contests WHERE slug = :slug AND id <> :id")
                        .param("slug", slug)
                        .param("id", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A page of contests, newest first, keyset-paged by id. */
    public List<Contest> list(ContestStatus status, long beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contests WHERE id < :before"
                        + (status != null ? " AND status = :status" : "")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("before", beforeId)
                .param("status", status != null ? status.name() : null)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * A page of contests in an order, after (or, {@code backwards}, before) the contest {@code
     * anchorId}; backwards pages come nearest first. The anchor's sort key is read by its primary key
     * inside the query, so a cursor is a plain id.
     */
    public List<Contest> search(
            ContestStatus status,
            String text,
            ContestSort sort,
            boolean descending,
            Long anchorId,
            boolean backwards,
            int limit) {
        boolean down = descending != backwards;
        String op = down ? "<" : ">";
        String dir = down ? " DESC" : "";
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM contests WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        String pattern = null;
        if (text != null && !text.isBlank()) {
            // a contains-match, which no b-tree serves: contests are few (one per referral programme),
            // so this filters one small table; the order below still comes from an index
            sql.append(" AND (lower(name) LIKE :pattern ESCAPE '!' OR slug LIKE :pattern ESCAPE '!')");
            pattern = "%" + text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[!%_]", "!$0") + "%";
        }
        if (anchorId != null) {
            sql.append(
                    sort == ContestSort.NAME
                            ? " AND (name " + op + " (SELECT name FROM contests WHERE id = :anchor)"
                                    + " OR (name = (SELECT name FROM contests WHERE id = :anchor) AND id " + op
                                    + " :anchor))"
                            : " AND id " + op + " :anchor");
        }
        // the primary key serves the id order, contests_name_idx (name, id) the name order
        sql.append(sort == ContestSort.NAME ? " ORDER BY name" + dir + ", id" + dir : " ORDER BY id" + dir);
        sql.append(" LIMIT :limit");
        return jdbc.sql(sql.toString())
                .param("status", status != null ? status.name() : null)
                .param("pattern", pattern)
                .param("anchor", anchorId)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** Ids of the contests whose ranking is live (not ended). */
    public List<Long> liveIds() {
        return jdbc.sql("SELECT id FROM contests WHERE status <> 'ENDED' ORDER BY id")
                .query(Long.class)
                .list();
    }

    /** Active contests with a scheduled end after {@code now}, the soonest first. */
    public List<Contest> endingAfter(Instant now, int limit) {
        // contests are few (hundreds): a scan of the table, no index of its own
        return jdbc.sql("SELECT " + COLUMNS + " FROM contests WHERE status = 'ACTIVE' AND ends_at > :now"
                        + " ORDER BY ends_at, id LIMIT :limit")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** Active contests that send the "you moved up" digest. */
    public List<Contest> withRankDigest() {
        // contests are few (hundreds): a scan of the table, no index of its own
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM contests WHERE status = 'ACTIVE' AND rank_digest = TRUE ORDER BY id")
                .query(this::map)
                .list();
    }

    /** Active contests whose end has passed, to be closed by the scheduler. */
    public List<Long> overdue(Instant now) {
        return jdbc.sql("SELECT id FROM contests WHERE status = 'ACTIVE' AND ends_at <= :now")
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .list();
    }

    private org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Fields f, Instant now) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("slug", f.slug())
                .addValue("name", f.name())
                .addValue(
                        "startsAt",
                        f.startsAt() != null ? Timestamp.from(f.startsAt()) : null,
                        java.sql.Types.TIMESTAMP)
                .addValue("endsAt", f.endsAt() != null ? Timestamp.from(f.endsAt()) : null, java.sql.Types.TIMESTAMP)
                .addValue("pps", f.pointsPerSignup())
                .addValue("ppr", f.pointsPerReferral())
                .addValue("confirm", f.requireConfirmation())
                .addValue("milestones", json.writeValueAsString(f.milestones()))
                .addValue("description", f.experience().description(), java.sql.Types.VARCHAR)
                .addValue("prize", f.experience().prize(), java.sql.Types.VARCHAR)
                .addValue("imageUrl", f.experience().imageUrl(), java.sql.Types.VARCHAR)
                .addValue("logoUrl", f.experience().logoUrl(), java.sql.Types.VARCHAR)
                .addValue("accentColor", f.experience().accentColor(), java.sql.Types.VARCHAR)
                .addValue("terms", f.experience().terms(), java.sql.Types.VARCHAR)
                .addValue("showLeaderboard", f.experience().showLeaderboard())
                .addValue("welcome", f.experience().welcomeEmail())
                .addValue("rankDigest", f.experience().rankDigest())
                .addValue(
                        "origins",
                        f.experience().allowedOrigins().isEmpty()
                                ? null
                                : String.join(" ", f.experience().allowedOrigins()),
                        java.sql.Types.VARCHAR)
                .addValue("now", Timestamp.from(now));
    }

    private Contest map(ResultSet rs, int row) throws SQLException {
        String slug = rs.getString("slug");
        return new Contest(
                rs.getLong("id"),
                rs.getString("name"),
                slug,
                ContestStatus.valueOf(rs.getString("status")),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getInt("points_per_signup"),
                rs.getInt("points_per_referral"),
                rs.getBoolean("require_confirmation"),
                List.copyOf(json.readValue(rs.getString("milestones"), MILESTONES)),
                urls.of("/c/" + slug),
                instant(rs, "ended_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                new ContestExperience(
                        rs.getString("description"),
                        rs.getString("prize"),
                        rs.getString("image_url"),
                        rs.getString("logo_url"),
                        rs.getString("accent_color"),
                        rs.getString("terms"),
                        rs.getBoolean("show_leaderboard"),
                        origins(rs.getString("allowed_origins")),
                        rs.getBoolean("welcome_email"),
                        rs.getBoolean("rank_digest")));
    }

    private static List<String> origins(String stored) {
        return stored == null || stored.isBlank()
                ? List.of()
                : List.of(stored.strip().split(" +"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
