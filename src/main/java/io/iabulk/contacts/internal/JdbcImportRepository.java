package io.iabulk.contacts.internal;

import io.iabulk.contacts.ContactImport;
import io.iabulk.contacts.ImportStatus;
import io.iabulk.contacts.RejectedLine;
import io.iabulk.platform.UploadJobRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Imports and their rejected lines, in SQL. */
@Repository
public class JdbcImportRepository {

    private static final String COLUMNS = """
            id, status, file_name, processed, created, updated, invalid, suppressed, duplicates, error, created_at,
            finished_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final UploadJobRows jobs;

    JdbcImportRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.jobs = new UploadJobRows(jdbc, "contact_imports");
    }

    long create(String fileName, long size, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO contact_imports (status, file_name, size_bytes, created_at, heartbeat_at)
                VALUES ('RUNNING', :name, :size, :now, :now)
                """)
                .param("name", fileName)
                .param("size", size)
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<ContactImport> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact_imports WHERE id = :id")
                .param("id", id)
                .query(JdbcImportRepository::contactImport)
                .optional();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM contact_imports WHERE id = :id").param("id", id).update();
    }

    /** Publishes the counters of a running import and renews its heartbeat. */
    void progress(long id, long processed, long invalid, Instant now) {
        jdbc.sql("""
                UPDATE contact_imports SET processed = :processed, invalid = :invalid, heartbeat_at = :now
                WHERE id = :id AND status = 'RUNNING'
                """)
                .param("id", id)
                .param("processed", processed)
                .param("invalid", invalid)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The jobs' heartbeats and failures (shared with the other upload jobs). */
    UploadJobRows jobs() {
        return jobs;
    }

    /** Stores rejected lines (one batch). */
    void reject(long id, List<ImportRows.Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        template.batchUpdate(
                "INSERT INTO contact_import_rejections (import_id, line, email, reason) VALUES (?, ?, ?, ?)",
                rejections,
                rejections.size(),
                (PreparedStatement ps, ImportRows.Rejection r) -> {
                    ps.setLong(1, id);
                    ps.setLong(2, r.line());
                    ps.setString(3, clip(r.email(), 320));
                    ps.setString(4, clip(r.reason(), 300));
                });
    }

    /** The first rejected lines of an import, in line order (a primary-key range read). */
    public List<RejectedLine> firstRejections(long id, int limit) {
        return jdbc.sql("""
                SELECT line, email, reason FROM contact_import_rejections
                WHERE import_id = :id ORDER BY line LIMIT :limit
                """)
                .param("id", id)
                .param("limit", limit)
                .query((rs, row) -> new RejectedLine(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Streams the rejected lines of an import in line order (primary key order). */
    public void rejections(long id, RejectionHandler handler) {
        jdbc.sql("SELECT line, email, reason FROM contact_import_rejections WHERE import_id = :id ORDER BY line")
                .param("id", id)
                .withFetchSize(1000)
                .query(rs -> {
                    try {
                        handler.accept(rs.getLong(1), rs.getString(2), rs.getString(3));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** Receives one rejected line. */
    @FunctionalInterface
    public interface RejectionHandler {
        void accept(long line, String email, String reason) throws java.io.IOException;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static ContactImport contactImport(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ContactImport(
                rs.getLong("id"),
                ImportStatus.valueOf(rs.getString("status")),
                rs.getString("file_name"),
                rs.getLong("processed"),
                rs.getLong("created"),
                rs.getLong("updated"),
                rs.getLong("invalid"),
                rs.getLong("suppressed"),
                rs.getLong("duplicates"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
