package io.iabulk.campaigns;

import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The variables a client hands to a template (a preview's or a transactional message's {@code
 * context}) must not hold NUL, which mail cannot carry: a 400, and no message is queued.
 */
class MessageContextTextTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aContextHoldingANulIsRefusedAndNoMessageIsQueued() {
        long template = CampaignTestData.template(admin);
        long contact = admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("ctx")))
                .json()
                .get("id")
                .asLong();
        long before = rows(jdbc, "email_sends");

        assertInvalid(
                admin.post(
                        "/api/v1/messages",
                        Map.of("templateId", template, "contactId", contact, "context", Map.of("orderId", "A\u0000"))),
                "context");
        assertInvalid(
                admin.post(
                        "/api/v1/messages",
                        Map.of(
                                "templateId",
                                template,
                                "contactId",
                                contact,
                                "context",
                                Map.of("items", List.of(Map.of("k\u0000", "v"))))),
                "context");
        assertInvalid(
                admin.post(
                        "/api/v1/messages",
                        Map.of("templateId", template, "email", "a@example.org\r\nBcc: b@example.org")),
                "email");
        assertInvalid(
                admin.post(
                        "/api/v1/templates/" + template + "/preview",
                        Map.of("contactId", contact, "context", Map.of("orderId", "\u0000"))),
                "context");

        assertThat(rows(jdbc, "email_sends")).isEqualTo(before);
    }

    @Test
    void aTemplateSourceHoldingANulIsRefusedAndNotStored() {
        long before = rows(jdbc, "templates");

        assertInvalid(
                admin.post("/api/v1/templates", Map.of("name", "t", "subject", "s", "html", "<p>\u0000</p>")), "html");
        assertInvalid(
                admin.post("/api/v1/templates", Map.of("name", "t", "subject", "s", "html", "x", "text", "a\u0000")),
                "text");
        assertInvalid(
                admin.post("/api/v1/templates", Map.of("name", "t", "subject", "Hi\nthere", "html", "x")), "subject");

        assertThat(rows(jdbc, "templates")).isEqualTo(before);
    }
}
