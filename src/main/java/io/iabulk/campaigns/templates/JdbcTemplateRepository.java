package io.iabulk.campaigns.templates;

import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateDraft;
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

/** Templates in SQL. */
@Repository
public class JdbcTemplateRepository {

    private static final String COLUMNS = "id, name, subject, html, text, version, created_at, updated_at";

    private final JdbcClient jdbc;

    JdbcTemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(TemplateDraft draft, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO templates (name, subject, html, text, version, created_at, updated_at)
                VALUES (:name, :subject, :html, :text, 1, :now, :now)
                """)
                .param("name", draft.name())
                .param("subject", draft.subject())
                .param("html", draft.html())
                .param("text", draft.text())
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    /** Replaces the sources and bumps the version; false when there is no such template. */
    public boolean replace(long id, TemplateDraft draft, Instant now) {
        return jdbc.sql("""
                        UPDATE templates SET name = :name, subject = :subject, html = :html, text = :text,
                            version = version + 1, updated_at = :now
                        WHERE id = :id
                        """)
                        .param("id", id)
                        .param("name", draft.name())
                        .param("subject", draft.subject())
                        .param("html", draft.html())
                        .param("text", draft.text())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public Optional<Template> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM templates WHERE id = :id")
                .param("id", id)
                .query(JdbcTemplateRepository::map)
                .optional();
    }

    /** Templates by id, for a batch of sends (primary key lookups). */
    public List<Template> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM templates WHERE id IN (:ids)")
                .param("ids", ids)
                .query(JdbcTemplateRepository::map)
                .list();
    }

    /** Newest first; keyset-paged by id. */
    public List<Template> list(long beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM templates WHERE id < :before ORDER BY id DESC LIMIT :limit")
                .param("before", beforeId)
                .param("limit", limit)
                .query(JdbcTemplateRepository::map)
                .list();
    }

    private static Template map(ResultSet rs, int row) throws SQLException {
        return new Template(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("subject"),
                rs.getString("html"),
                rs.getString("text"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
