package io.iabulk.delivery.internal;

import io.iabulk.delivery.SendFacts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads send rows and sets their first-engagement times for the tracking module. */
@Repository
public class JdbcSendFacts {

    /** The first-engagement columns a caller may set once. */
    public enum Mark {
        OPENED("opened_at"),
        CLICKED("clicked_at"),
        CONVERTED("converted_at");

        private final String column;

        Mark(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;

    JdbcSendFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SendFacts> find(long sendId) {
        return jdbc.sql("""
                SELECT id, contact_id, campaign_id, sent_at, opened_at, clicked_at, converted_at
                FROM email_sends WHERE id = :id
                """).param("id", sendId).query(JdbcSendFacts::map).optional();
    }

    /** Sets the column unless it is set; true when this call set it (one winner across instances). */
    public boolean mark(long sendId, Mark mark, Instant at) {
        // the IS NULL guard is re-checked under the row lock the UPDATE takes: of concurrent
        // writers exactly one sees the column null
        return jdbc.sql("UPDATE email_sends SET " + mark.column + " = :at WHERE id = :id AND " + mark.column
                                + " IS NULL")
                        .param("at", SqlTime.ts(at))
                        .param("id", sendId)
                        .update()
                == 1;
    }

    /** The newest send of a contact in a campaign. */
    public OptionalLong latest(long contactId, long campaignId) {
        // the unique (campaign_id, contact_id) index finds it (there is at most one per campaign)
        Optional<Long> id = jdbc.sql("""
                SELECT id FROM email_sends WHERE campaign_id = :campaign AND contact_id = :contact
                ORDER BY id DESC LIMIT 1
                """)
                .param("campaign", campaignId)
                .param("contact", contactId)
                .query(Long.class)
                .optional();
        return id.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    private static SendFacts map(ResultSet rs, int row) throws SQLException {
        return new SendFacts(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3) == null ? null : rs.getLong(3),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
