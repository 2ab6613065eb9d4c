package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.ContactSend;
import io.iabulk.support.H2Databases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The sends of a page of contacts for engagement features, on H2 (embedded mode) with the same
 * SQL as PostgreSQL: sent and SMTP-bounced rows in send order, queued or failed ones left out.
 */
class H2SentToTest {

    private final DataSource dataSource = H2Databases.migrated();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JdbcSendMarks marks =
            new JdbcSendMarks(jdbc, new JdbcTemplate(dataSource), dataSource, new VariantCounts(jdbc));

    @Test
    void sentAndBouncedRowsInSendOrder() {
        long ada = contact("ada@example.com");
        long bob = contact("bob@example.com");
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        send(ada, "SENT", t.plusSeconds(60), t.plusSeconds(60), t.plusSeconds(120), null);
        send(ada, "SENT", t, t, null, null);
        send(ada, "BOUNCED", t.plusSeconds(300), null, null, null);
        send(ada, "QUEUED", t.plusSeconds(400), null, null, null);
        send(ada, "FAILED", t.plusSeconds(500), null, null, null);
        send(bob, "SENT", t, t, null, t.plusSeconds(10));

        Map<Long, List<ContactSend>> sent = marks.sentTo(List.of(ada, bob, 999L));

        assertThat(sent).containsOnlyKeys(ada, bob);
        assertThat(sent.get(ada))
                .containsExactly(
                        new ContactSend(ada, t, null, null, null, null),
                        new ContactSend(ada, t.plusSeconds(60), t.plusSeconds(120), null, null, null),
                        new ContactSend(ada, t.plusSeconds(300), null, null, t.plusSeconds(300), null));
        assertThat(sent.get(bob)).containsExactly(new ContactSend(bob, t, null, t.plusSeconds(10), null, null));
        assertThat(marks.sentTo(List.of())).isEmpty();
    }

    private long contact(String email) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:e, :e, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("e", email).update(key, "id");
        return key.getKey().longValue();
    }

    private void send(long contact, String status, Instant attempt, Instant sent, Instant opened, Instant clicked) {
        jdbc.sql("""
                        INSERT INTO email_sends (contact_id, template_id, status, next_attempt_at, created_at, sent_at,
                            opened_at, clicked_at)
                        VALUES (:c, 1, :status, :attempt, :attempt, :sent, :opened, :clicked)
                        """)
                .param("c", contact)
                .param("status", status)
                .param("attempt", Timestamp.from(attempt))
                .param("sent", sent == null ? null : Timestamp.from(sent))
                .param("opened", opened == null ? null : Timestamp.from(opened))
                .param("clicked", clicked == null ? null : Timestamp.from(clicked))
                .update();
    }
}
