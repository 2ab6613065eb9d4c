package io.iabulk.dashboard.console.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The console's campaign pages over HTTP: list, compose, test send, lifecycle, progress, report, roles. */
class CampaignPagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void composesADraftThroughTheFormAndAsksBeforeSendingToItsAudience() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 3);
        long template = CampaignTestData.template(admin);
        long segment = CampaignTestData.segment(admin, tag);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response compose = editor.reading(api).get("/campaigns/new");
        assertThat(compose.status()).isEqualTo(200);
        assertThat(compose.body()).contains("value=\"" + segment + "\"").contains("value=\"" + template + "\"");
        Api.Response count = editor.reading(api)
                .with("HX-Request", "true")
                .get("/campaigns/audience-count?audience=segment&segmentId=" + segment);
        assertThat(count.body()).contains("<strong>3</strong>");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Console " + tag);
        form.put("templateId", Long.toString(template));
        form.put("audience", "segment");
        form.put("segmentId", Long.toString(segment));
        form.put("from", "Launch team <news@iabulk.test>");
        form.put("subjectVariants", "");
        Api.Response created = editor.changing(api).postForm("/campaigns", form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String location = created.header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        Api.Response page = editor.reading(api).get("/campaigns/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Send to 3 people now?").contains("Start campaign");
        assertThat(admin.get("/api/v1/campaigns/" + id).json().get("status").asString())
                .isEqualTo("DRAFT");
    }

    @Test
    void aComposeFormWithErrorsComesBackWithThemNextToTheirFields() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        CampaignTestData.template(admin);

        Api.Response refused = editor.changing(api)
                .postForm("/campaigns", Map.of("name", "", "audience", "segment", "from", "not an address"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"name-error\"").contains("id=\"templateId-error\"");
    }

    @Test
    void aViewerFollowsCampaignsButCannotStartOrCancelThem() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 1);
        long id = CampaignTestData.campaign(
                admin, CampaignTestData.template(admin), CampaignTestData.segment(admin, tag), Map.of());
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);

        Api.Response list = viewer.reading(api).get("/campaigns");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/campaigns/" + id + "\"").doesNotContain("New campaign");
        Api.Response page = viewer.reading(api).get("/campaigns/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("Start campaign").doesNotContain("Send test");

        assertThat(viewer.changing(api).post("/campaigns/" + id + "/start").status())
                .isEqualTo(403);
        assertThat(viewer.changing(api).post("/campaigns/" + id + "/cancel").status())
                .isEqualTo(403);
        assertThat(viewer.reading(api).get("/campaigns/new").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/campaigns/" + id).json().get("status").asString())
                .isEqualTo("DRAFT");
    }

    @Test
    void startsACampaignFollowsItToFinishedAndShowsItsReport() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 2);
        long id = CampaignTestData.campaign(
                admin,
                CampaignTestData.template(admin),
                CampaignTestData.segment(admin, tag),
                Map.of("subjectVariants", java.util.List.of("A {{firstName}}", "B {{firstName}}")));
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response started = editor.changing(api).post("/campaigns/" + id + "/start");
        assertThat(started.status()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FINISHED"
                        .equals(admin.get("/api/v1/campaigns/" + id)
                                .json()
                                .get("status")
                                .asString()));

        Api.Response progress = editor.reading(api).with("HX-Request", "true").get("/campaigns/" + id + "/progress");
        assertThat(progress.status()).isEqualTo(286);
        assertThat(progress.body()).contains("Finished").contains("/campaigns/" + id + "/report");

        Api.Response stream = editor.reading(api).get("/campaigns/" + id + "/progress/stream");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.body())
                .contains("event:progress")
                .contains("event:done")
                .contains("Finished");

        Api.Response report = editor.reading(api).with("HX-Request", "true").get("/campaigns/" + id + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("Human opens").contains("data-chart").contains("B {{firstName}}");
        assertThat(report.body())
                .as("the per-variant figures")
                .contains("The audience was split evenly between them.")
                .contains("Probability best (opens)")
                .containsPattern("<td class=\"num\">1</td>");
        assertThat(report.body()).contains("/campaigns/" + id + "/recipients");

        Api.Response recipients = editor.reading(api).get("/campaigns/" + id + "/recipients");
        assertThat(recipients.status()).isEqualTo(200);
        assertThat(recipients.body())
                .contains(tag + "-0@campaign.test")
                .contains(tag + "-1@campaign.test")
                .contains("B {{firstName}}")
                .contains("<label class=\"label\" for=\"status\">Status</label>");
        Api.Response cancelled = editor.reading(api).get("/campaigns/" + id + "/recipients?status=cancelled");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).doesNotContain(tag + "-0@campaign.test").contains("No recipient has this status.");
        assertThat(editor.reading(api)
                        .get("/campaigns/" + id + "/recipients?status=lost")
                        .status())
                .isEqualTo(400);
        Api.Response csv = editor.reading(api).get("/campaigns/" + id + "/recipients.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("contactId,email,status,").contains(tag + "-1@campaign.test,SENT,");
    }

    @Test
    void composesASendTimeOptimisedCampaignAndShowsItsScheduledRecipients() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 2);
        long template = CampaignTestData.template(admin);
        long segment = CampaignTestData.segment(admin, tag);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(editor.reading(api).get("/campaigns/new").body()).contains("id=\"sendTimeWindowHours\"");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "STO " + tag);
        form.put("templateId", Long.toString(template));
        form.put("audience", "segment");
        form.put("segmentId", Long.toString(segment));
        form.put("from", "Launch team <news@iabulk.test>");
        form.put("sendTimeWindowHours", "200");
        Api.Response refused = editor.changing(api).postForm("/campaigns", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"sendTimeWindowHours-error\"");

        form.put("sendTimeWindowHours", "24");
        Api.Response created = editor.changing(api).postForm("/campaigns", form);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String location = created.header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(admin.get("/api/v1/campaigns/" + id)
                        .json()
                        .get("sendTimeOptimization")
                        .get("windowHours")
                        .asInt())
                .isEqualTo(24);
        assertThat(editor.reading(api).get("/campaigns/" + id).body())
                .contains("Each person at their predicted best hour within 24 hours of the start");

        assertThat(editor.changing(api).post("/campaigns/" + id + "/start").status())
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/campaigns/" + id)
                                .json()
                                .get("progress")
                                .get("total")
                                .asLong()
                        == 2);
        Api.Response progress = editor.reading(api).with("HX-Request", "true").get("/campaigns/" + id + "/progress");
        assertThat(progress.body()).contains("Scheduled").contains("data-count=\"scheduled\"");
        Api.Response recipients = editor.reading(api).get("/campaigns/" + id + "/recipients");
        assertThat(recipients.body()).contains(tag + "-0@campaign.test").contains("Planned");
        admin.post("/api/v1/campaigns/" + id + "/cancel");
    }

    @Test
    void composesAnAdaptiveCampaignAndExplainsWhatItNeeds() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 2);
        long template = CampaignTestData.template(admin);
        long segment = CampaignTestData.segment(admin, tag);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(editor.reading(api).get("/campaigns/new").body())
                .contains("How subjects are chosen")
                .contains("value=\"adaptive\"")
                .contains("Judge subjects by");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Adaptive " + tag);
        form.put("templateId", Long.toString(template));
        form.put("audience", "segment");
        form.put("segmentId", Long.toString(segment));
        form.put("from", "Launch team <news@iabulk.test>");
        form.put("subjectVariants", "A {{firstName}}");
        form.put("variantSelection", "adaptive");
        form.put("goal", "click");
        Api.Response refused = editor.changing(api).postForm("/campaigns", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("id=\"maxRatePerSecond-error\"")
                .contains("rate-limited")
                .contains("at least 2 subject variants")
                .containsPattern("value=\"adaptive\"[^>]*checked");

        String body = "name=Adaptive+" + tag + "&templateId=" + template + "&audience=segment&segmentId=" + segment
                + "&from=news%40iabulk.test&subjectVariants=A&subjectVariants=B&variantSelection=adaptive&goal=click"
                + "&maxRatePerSecond=60";
        Api.Response created = editor.changing(api).postFormBody("/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String location = created.header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        JsonNode campaign = admin.get("/api/v1/campaigns/" + id).json();
        assertThat(campaign.get("variantSelection").asString()).isEqualTo("adaptive");
        assertThat(campaign.get("goal").asString()).isEqualTo("click");
        assertThat(editor.reading(api).get("/campaigns/" + id).body()).contains("Adaptive, by human clicks");

        assertThat(editor.changing(api).post("/campaigns/" + id + "/start").status())
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "FINISHED"
                        .equals(admin.get("/api/v1/campaigns/" + id)
                                .json()
                                .get("status")
                                .asString()));
        Api.Response report = editor.reading(api).with("HX-Request", "true").get("/campaigns/" + id + "/report");
        assertThat(report.body()).contains("Chosen adaptively while sending").contains("Probability best (clicks)");
    }

    @Test
    void sendsATestMessageAndShowsItsOutcome() {
        String tag = ContestTestData.unique();
        long id = CampaignTestData.campaign(
                admin, CampaignTestData.template(admin), CampaignTestData.segment(admin, tag), Map.of());
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        String to = ContestTestData.email("test-send");

        Api.Response queued = editor.changing(api)
                .with("HX-Request", "true")
                .postForm("/campaigns/" + id + "/test", Map.of("testEmail", to));

        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.body()).contains(to);
        java.util.regex.Matcher poll =
                java.util.regex.Pattern.compile("/campaigns/test-sends/(\\d+)").matcher(queued.body());
        assertThat(poll.find()).as(queued.body()).isTrue();
        String status = "/campaigns/test-sends/" + poll.group(1) + "?email=" + to;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> editor.reading(api).get(status).status() == 286);
        assertThat(editor.reading(api).get(status).body()).contains("Test sent to");
    }
}
