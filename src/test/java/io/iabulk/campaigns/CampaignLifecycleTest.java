package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.campaigns.internal.CampaignWorker;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import io.iabulk.support.RecordedEvents;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A campaign's life over HTTP, with its mail read from a real SMTP server. */
class CampaignLifecycleTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedEvents events;

    @Autowired
    CampaignWorker lifecycle;

    @Autowired
    MutableClock clock;

    @Test
    void sendsOnePersonalisedMessageToEachMailableMemberAndFinishes() throws Exception {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 3);
        jdbc.sql("UPDATE contacts SET status = 'UNSUBSCRIBED' WHERE email = :email")
                .param("email", emails.get(2))
                .update();
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of());

        JsonNode started = admin.post("/api/v1/campaigns/" + id + "/start").json();
        assertThat(started.get("status").asString()).isEqualTo("RUNNING");
        JsonNode finished = awaitStatus(id, "FINISHED");

        JsonNode progress = finished.get("progress");
        assertThat(progress.get("total").asLong())
                .as("the audience, suppressed included")
                .isEqualTo(3);
        assertThat(progress.get("sent").asLong()).isEqualTo(2);
        assertThat(progress.get("suppressed").asLong()).isEqualTo(1);
        assertThat(progress.get("failed").asLong()).isZero();
        MimeMessage first =
                TestMail.awaitFor(emails.get(0), 1, Duration.ofSeconds(5)).getFirst();
        assertThat(first.getSubject()).isEqualTo("Hello Person0");
        assertThat(TestMail.textOf(first)).contains("Hi Person0, your plan is pro.");
        assertThat(first.getHeader("List-Unsubscribe")[0]).contains("/u/");
        assertThat(TestMail.awaitFor(emails.get(1), 1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(TestMail.awaitFor(emails.get(2), 1, Duration.ofMillis(300))).isEmpty();
        assertThat(finished.get("finishedAt").isNull()).isFalse();
        assertFinishedOnce(new CampaignFinished(id, 2, 0, 1));
    }

    @Test
    void pausedCampaignSendsNothingUntilResumedAndThenEveryoneExactlyOnce() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 12);
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of("maxRatePerSecond", 4));
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id) >= 1);

        assertThat(admin.post("/api/v1/campaigns/" + id + "/pause")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PAUSED");
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long whilePaused = sent(id);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(sent(id)).as("nothing is claimed while paused").isEqualTo(whilePaused);
        assertThat(whilePaused).isLessThan(12);

        assertThat(admin.post("/api/v1/campaigns/" + id + "/resume")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RUNNING");
        JsonNode finished = awaitStatus(id, "FINISHED");
        assertThat(finished.get("progress").get("sent").asLong()).isEqualTo(12);
        assertFinishedOnce(new CampaignFinished(id, 12, 0, 0));
        for (String email : emails) {
            assertThat(TestMail.awaitFor(email, 1, Duration.ofSeconds(5)))
                    .as(email)
                    .hasSize(1);
        }
    }

    @Test
    void cancellingStopsWhatHasNotBeenSent() {
        String tag = ContestTestData.unique();
        taggedContacts(jdbc, tag, 20);
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of("maxRatePerSecond", 2));
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(id) >= 1);

        JsonNode cancelled = admin.post("/api/v1/campaigns/" + id + "/cancel").json();
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode progress = fetch(id).get("progress");
            assertThat(progress.get("sending").asLong()).isZero();
            assertThat(progress.get("sent").asLong() + progress.get("cancelled").asLong())
                    .isEqualTo(20);
            assertThat(progress.get("cancelled").asLong()).isPositive();
        });
        long sentAtCancel = sent(id);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(sent(id)).isEqualTo(sentAtCancel);
        assertThat(admin.post("/api/v1/campaigns/" + id + "/resume").status()).isEqualTo(409);
        lifecycle.runOnce();
        assertThat(events.of(CampaignFinished.class, e -> e.campaignId() == id))
                .as("a cancelled campaign does not finish")
                .isEmpty();
    }

    @Test
    void aCampaignStartedWithALaterSendAtWaitsForIt() {
        String tag = ContestTestData.unique();
        taggedContacts(jdbc, tag, 1);
        Instant sendAt = clock.instant().plusSeconds(5);
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of("sendAt", sendAt.toString()));

        assertThat(admin.post("/api/v1/campaigns/" + id + "/start")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SCHEDULED");
        lifecycle.runOnce();
        assertThat(fetch(id).get("status").asString()).as("not due yet").isEqualTo("SCHEDULED");
        try {
            clock.advance(Duration.ofSeconds(5));
            JsonNode finished = awaitStatus(id, "FINISHED");
            assertThat(Instant.parse(finished.get("startedAt").asString())).isAfterOrEqualTo(sendAt);
        } finally {
            clock.reset();
        }
    }

    @Test
    void progressStreamsAsServerSentEventsUntilTheCampaignFinishes() throws Exception {
        String tag = ContestTestData.unique();
        taggedContacts(jdbc, tag, 3);
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of());
        admin.post("/api/v1/campaigns/" + id + "/start");

        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/campaigns/" + id + "/progress"))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .header("Accept", "text/event-stream")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> statuses = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonNode event = tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .readTree(line.substring(5));
                    statuses.add(event.get("status").asString());
                }
            }
        }
        assertThat(statuses).isNotEmpty().last().isEqualTo("FINISHED");
    }

    @Test
    void badCampaignsAndBadTransitionsAreExplained() {
        long template = template(admin);
        Api.Response noTemplate = admin.post(
                "/api/v1/campaigns",
                Map.of("name", "x", "templateId", 999_999_999, "audience", Map.of("all", true), "from", "a@b.test"));
        assertThat(noTemplate.status()).isEqualTo(400);
        assertThat(noTemplate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noTemplate.body()).contains("templateId");

        Api.Response twoAudiences = admin.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "x",
                        "templateId",
                        template,
                        "audience",
                        Map.of("all", true, "contestId", 1),
                        "from",
                        "a@b.test"));
        assertThat(twoAudiences.status()).isEqualTo(400);
        assertThat(twoAudiences.body()).contains("audience");

        Api.Response badFrom = admin.post(
                "/api/v1/campaigns",
                Map.of("name", "x", "templateId", template, "audience", Map.of("all", true), "from", "not an address"));
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.body()).contains("from");

        String tag = ContestTestData.unique();
        long id = campaign(admin, template, segment(admin, tag), Map.of());
        Api.Response pauseDraft = admin.post("/api/v1/campaigns/" + id + "/pause");
        assertThat(pauseDraft.status()).isEqualTo(409);
        assertThat(pauseDraft.body()).contains("DRAFT");
        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/campaigns/999999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + id).status()).isEqualTo(401);
    }

    @Test
    void aTransactionalMessageIsRenderedWithItsContextAndSkipsSuppressedContacts() throws Exception {
        Api.Response template = admin.post(
                "/api/v1/templates",
                Map.of(
                        "name", "Receipt " + ContestTestData.unique(),
                        "subject", "Your code {{code}}",
                        "html", "<p>Hi {{default firstName \"there\"}}, your code is <b>{{code}}</b>.</p>"));
        long templateId = template.json().get("id").asLong();
        String email = ContestTestData.email("receipt");

        Api.Response queued = admin.post(
                "/api/v1/messages",
                Map.of("templateId", templateId, "email", email, "context", Map.of("code", "X-42")));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        MimeMessage mail = TestMail.awaitFor(email, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your code X-42");
        long sendId = queued.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("SELECT context IS NULL FROM email_sends WHERE id = :id AND status = 'SENT'")
                                        .param("id", sendId)
                                        .query(Boolean.class)
                                        .optional())
                        .as("the context (a confirmation token, say) is dropped once the message is sent")
                        .contains(true));
        assertThat(TestMail.textOf(mail)).contains("Hi there, your code is X-42.");

        jdbc.sql("UPDATE contacts SET status = 'BOUNCED' WHERE email = :email")
                .param("email", email)
                .update();
        admin.post(
                "/api/v1/messages", Map.of("templateId", templateId, "email", email, "context", Map.of("code", "Y")));
        assertThat(TestMail.awaitFor(email, 2, Duration.ofSeconds(2))).hasSize(1);

        Api.Response reserved = admin.post(
                "/api/v1/messages", Map.of("templateId", templateId, "email", email, "context", Map.of("$from", "x")));
        assertThat(reserved.status()).isEqualTo(400);
        Api.Response neither = admin.post("/api/v1/messages", Map.of("templateId", templateId));
        assertThat(neither.status()).isEqualTo(400);
    }

    private JsonNode awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fetch(id).get("status").asString().equals(status));
        return fetch(id);
    }

    private JsonNode fetch(long id) {
        Api.Response response = admin.get("/api/v1/campaigns/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private long sent(long id) {
        return fetch(id).get("progress").get("sent").asLong();
    }

    /**
     * The campaign's CampaignFinished, published by the lifecycle worker when it finished it, and
     * not again by a later pass.
     */
    private void assertFinishedOnce(CampaignFinished expected) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !events.of(CampaignFinished.class, e -> e.campaignId() == expected.campaignId())
                        .isEmpty());
        lifecycle.runOnce();
        assertThat(events.of(CampaignFinished.class, e -> e.campaignId() == expected.campaignId()))
                .containsExactly(expected);
    }
}
