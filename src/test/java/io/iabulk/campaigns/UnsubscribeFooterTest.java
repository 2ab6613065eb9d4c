package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import io.iabulk.tracking.TrackingLinks;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Campaign mail always carries a visible unsubscribe link (ADR 0018); by default a footer adds it. */
class UnsubscribeFooterTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingLinks links;

    @Test
    void aCampaignWhoseTemplateHasNoVisibleLinkSendsAFooterWithAWorkingOneInBothParts() throws Exception {
        String tag = ContestTestData.unique();
        String email = taggedContacts(jdbc, tag, 1).getFirst();
        long template = template(
                "<html><body><p>Hi {{firstName}}</p><!-- <a href=\"{{unsubscribeUrl}}\">hidden</a> --></body></html>",
                "Hi {{firstName}}");
        long id = campaign(admin, template, segment(admin, tag), Map.of());

        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(200);

        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        String unsubscribeUrl = links.unsubscribeUrl(CampaignTestData.sendOf(jdbc, id, email));
        assertThat(TestMail.htmlOf(message))
                .contains("<p>Hi Person0</p>")
                .contains("Don't want these emails? <a href=\"" + unsubscribeUrl + "\"")
                .containsPattern("Unsubscribe</a></p>\\s*<img [^>]+></body></html>");
        assertThat(TestMail.textOf(message))
                .startsWith("Hi Person0")
                .contains("Don't want these emails? Unsubscribe: " + unsubscribeUrl);
        assertThat(message.getHeader("List-Unsubscribe")[0]).contains(unsubscribeUrl);
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");

        String path = URI.create(unsubscribeUrl).getPath();
        assertThat(api.get(path).body()).contains("<form method=\"post\">");
        assertThat(api.postForm(path, Map.of()).body()).contains("You're unsubscribed");
        assertThat(status(email)).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void aTemplateWithItsOwnVisibleLinkGetsNoFooterAndTransactionalMessagesNeverDo() {
        String tag = ContestTestData.unique();
        String email = taggedContacts(jdbc, tag, 1).getFirst();
        long campaign = campaign(admin, CampaignTestData.template(admin), segment(admin, tag), Map.of());
        admin.post("/api/v1/campaigns/" + campaign + "/start");
        long withoutLink = template("<p>Your receipt, {{firstName}}</p>", null);
        String buyer = ContestTestData.email("receipt");

        Api.Response queued = admin.post("/api/v1/messages", Map.of("templateId", withoutLink, "email", buyer));

        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        List<MimeMessage> news = TestMail.awaitFor(email, 1, Duration.ofSeconds(20));
        assertThat(TestMail.htmlOf(news.getFirst())).contains("Unsubscribe</a>").doesNotContain("Don't want");
        List<MimeMessage> receipts = TestMail.awaitFor(buyer, 1, Duration.ofSeconds(20));
        assertThat(receipts).hasSize(1);
        assertThat(TestMail.htmlOf(receipts.getFirst())).isEqualTo("<p>Your receipt, </p>");
        assertThat(TestMail.textOf(receipts.getFirst())).doesNotContain("Unsubscribe");
    }

    private long template(String html, String text) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", "No link " + ContestTestData.unique());
        body.put("subject", "News");
        body.put("html", html);
        if (text != null) {
            body.put("text", text);
        }
        Api.Response created = admin.post("/api/v1/templates", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private String status(String email) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !status0(email).isEmpty());
        return status0(email);
    }

    private String status0(String email) {
        return jdbc.sql("SELECT status FROM contacts WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .optional()
                .orElse("");
    }
}
