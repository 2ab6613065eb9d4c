package io.iabulk.campaigns.internal;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The confirmation email commits with the signup: when the signup is answered, its email is already
 * a row of the queue (nothing is left to a listener that a crash could cut off), and the signup
 * stored no event publication for the mailer or the webhooks.
 */
class ConfirmationMailerTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theConfirmationEmailIsQueuedByTheTimeTheSignupIsAnswered() {
        long id = activeContest(admin, contest());
        String address = email("prompt");

        var answer = admin.post("/api/v1/contests/" + id + "/signups", Map.of("email", address));

        assertThat(answer.status()).isEqualTo(201);
        // read at once, without waiting: the row must have committed with the signup
        Long queued = jdbc.sql("""
                        SELECT count(*) FROM email_sends s
                        JOIN contacts c ON c.id = s.contact_id
                        JOIN templates t ON t.id = s.template_id
                        WHERE c.email = :email AND t.system_key = 'contest-confirmation'
                        """).param("email", address).query(Long.class).single();
        assertThat(queued).isEqualTo(1);
        Long publications = jdbc.sql("""
                        SELECT count(*) FROM event_publication
                        WHERE serialized_event LIKE :email
                          AND (listener_id LIKE '%ConfirmationMailer%' OR listener_id LIKE '%WebhookListeners%')
                        """)
                .param("email", "%" + address + "%")
                .query(Long.class)
                .single();
        assertThat(publications).isZero();
    }
}
