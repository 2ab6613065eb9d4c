package io.iabulk.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A message sent for real, then SendGrid's webhook reporting on it: the send row and the contact
 * change, and the suppressed contact gets no further mail.
 */
class ProviderEventsFlowTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBounceReportedByTheWebhookMarksTheSendAndSuppressesTheContact() {
        long template = admin.post(
                        "/api/v1/templates",
                        Map.of("name", "Receipt " + ContestTestData.unique(), "subject", "Hi", "html", "<p>Hi</p>"))
                .json()
                .get("id")
                .asLong();
        String email = ContestTestData.email("bounce");
        Api.Response queued = admin.post("/api/v1/messages", Map.of("templateId", template, "email", email));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        long sendId = queued.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(sendId)));

        String events = """
                [{"email":"%s","timestamp":1764122400,"event":"delivered","send_id":"%d"},
                 {"email":"%s","timestamp":1764122460,"event":"bounce","type":"bounce",
                  "reason":"550 5.1.1 no such user","send_id":"%d"}]
                """.formatted(email, sendId, email, sendId);
        Api.Response webhook = api.send("POST", "/api/v1/webhooks/sendgrid", "application/json", events.getBytes());
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(200);

        assertThat(status(sendId)).isEqualTo("BOUNCED");
        assertThat(jdbc.sql("SELECT delivered_at IS NOT NULL FROM email_sends WHERE id = :id")
                        .param("id", sendId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT status FROM contacts WHERE email = :email")
                        .param("email", email)
                        .query(String.class)
                        .single())
                .isEqualTo("BOUNCED");

        Api.Response next = admin.post("/api/v1/messages", Map.of("templateId", template, "email", email));
        assertThat(next.json().get("status").asString())
                .as("a bounced contact gets no more mail")
                .isEqualTo("SUPPRESSED");
        assertThat(admin.get("/api/v1/messages/" + sendId).json().get("status").asString())
                .isEqualTo("BOUNCED");
    }

    private String status(long sendId) {
        return jdbc.sql("SELECT status FROM email_sends WHERE id = :id")
                .param("id", sendId)
                .query(String.class)
                .single();
    }
}
