package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** With {@code unsubscribe-footer: refuse}, a campaign without a visible unsubscribe link does not start. */
@TestPropertySource(properties = "iabulk.campaigns.unsubscribe-footer=refuse")
class UnsubscribeFooterRefusedTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void startingACampaignWithoutAVisibleLinkIsAConflictThatSaysWhatToAddAndSendsNothing() {
        String tag = ContestTestData.unique();
        String email = taggedContacts(jdbc, tag, 1).getFirst();
        long template = admin.post(
                        "/api/v1/templates",
                        Map.of(
                                "name", "No link " + ContestTestData.unique(),
                                "subject", "News",
                                "html",
                                        "<p>Hi</p><div style=\"display:none\"><a href=\"{{unsubscribeUrl}}\">x</a></div>",
                                "text", "Hi. Unsubscribe: {{unsubscribeUrl}}"))
                .json()
                .get("id")
                .asLong();
        long id = campaign(admin, template, segment(admin, tag), Map.of());

        Api.Response refused = admin.post("/api/v1/campaigns/" + id + "/start");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:iabulk:problem:unsubscribe-link-missing");
        assertThat(refused.json().get("detail").asString())
                .contains("Template " + template)
                .contains("to its HTML part a link <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>")
                .doesNotContain("text part")
                .contains("unsubscribe-footer: refuse");
        assertThat(admin.get("/api/v1/campaigns/" + id).json().get("status").asString())
                .isEqualTo("DRAFT");
        assertThat(jdbc.sql("SELECT count(*) FROM email_sends WHERE campaign_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(TestMail.awaitFor(email, 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(admin.post("/api/v1/templates/" + template + "/preview", Map.of("contactId", contactOf(email)))
                        .json()
                        .get("warnings")
                        .get(0)
                        .get("message")
                        .asString())
                .contains("cannot start");
    }

    @Test
    void aCampaignWhoseTemplateHasTheLinkStarts() {
        String tag = ContestTestData.unique();
        String email = taggedContacts(jdbc, tag, 1).getFirst();
        long id = campaign(admin, CampaignTestData.template(admin), segment(admin, tag), Map.of());

        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(200);
        assertThat(TestMail.awaitFor(email, 1, Duration.ofSeconds(20))).hasSize(1);
    }

    private long contactOf(String email) {
        return jdbc.sql("SELECT id FROM contacts WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .single();
    }
}
