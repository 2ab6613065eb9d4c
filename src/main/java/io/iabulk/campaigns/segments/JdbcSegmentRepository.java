package io.iabulk.campaigns.segments;

import io.iabulk.campaigns.Segment;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Segments in SQL, and the counts of their audiences. */
@Repository
public class JdbcSegmentRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JdbcSegmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String name, String filter, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO segments (name, filter, created_at) VALUES (:name, :filter, :now)")
                .param("name", name)
                .param("filter", filter)
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<Segment> find(long id) {
        return jdbc.sql("SELECT id, name, filter, created_at FROM segments WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Segment(
                        rs.getLong(1),
                        rs.getString(2),
                        JSON.readTree(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /** Replaces a segment's name and filter; false when there is no such segment. */
    public boolean update(long id, String name, String filter) {
        return jdbc.sql("UPDATE segments SET name = :name, filter = :filter WHERE id = :id")
                        .param("id", id)
                        .param("name", name)
                        .param("filter", filter)
                        .update()
                == 1;
    }

    /** Segments newest first, below the id {@code before} (null: from the newest); primary key order. */
    public java.util.List<Segment> list(Long before, int limit) {
        return jdbc.sql("""
                SELECT id, name, filter, created_at FROM segments WHERE id < :before ORDER BY id DESC LIMIT :limit
                """)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", limit)
                .query((rs, row) -> new Segment(
                        rs.getLong(1),
                        rs.getString(2),
                        JSON.readTree(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** How many contacts match a compiled filter, whatever their status. */
    public long count(CompiledFilter filter) {
        // a scan of contacts filtered by the compiled condition; correlated EXISTS use the
        // (contest_id, contact_id) index of contest_participants
        return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + filter.where())
                .params(Map.copyOf(filter.params()))
                .query(Long.class)
                .single();
    }
}
