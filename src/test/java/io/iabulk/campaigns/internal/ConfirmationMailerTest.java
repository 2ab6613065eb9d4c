package io.iabulk.campaigns.internal;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The confirmation email commits with the signup: when the signup is answered, its email is already
 * a row of the queue (nothing is left to a listener that a crash could cut off), and the signup
 * stored no event publication for the mailer or the webhooks.
 */
class ConfirmationMailerTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorsEditOfTheConfirmationTemplateIsWhatTheNextSignupReceives() throws Exception {
        long id = activeContest(admin, contest());
        // one signup first, so this instance has looked the system template up already
        admin.post("/api/v1/contests/" + id + "/signups", Map.of("email", email("before")));
        long template = jdbc.sql("SELECT id FROM templates WHERE system_key = 'contest-confirmation'")
                .query(Long.class)
                .single();
        JsonNode original = admin.get("/api/v1/templates/" + template).json();
        Map<String, Object> edited = new LinkedHashMap<>();
        edited.put("name", original.get("name").asString());
        edited.put("subject", "Edited: please confirm {{contestName}}");
        edited.put("html", original.get("html").asString());
        edited.put("text", original.get("text").asString());
        try {
            assertThat(putTemplate(template, edited)).isEqualTo(200);
            String address = email("after");

            admin.post("/api/v1/contests/" + id + "/signups", Map.of("email", address));

            List<MimeMessage> mails = TestMail.awaitFor(address, 1, Duration.ofSeconds(20));
            assertThat(mails).hasSize(1);
            assertThat(mails.getFirst().getSubject()).startsWith("Edited: please confirm ");
        } finally {
            edited.put("subject", original.get("subject").asString());
            assertThat(putTemplate(template, edited)).isEqualTo(200);
        }
    }

    private int putTemplate(long template, Map<String, Object> body) {
        return admin.send(
                        "PUT",
                        "/api/v1/templates/" + template,
                        "application/json",
                        Api.json(body).getBytes(StandardCharsets.UTF_8))
                .status();
    }

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
