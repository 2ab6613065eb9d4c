package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.contactRow;
import static io.iabulk.support.CampaignTestData.templateBody;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class TemplateApiTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createsReadsListsAndReplacesWithANewVersion() {
        Api.Response created = admin.post("/api/v1/templates", templateBody("Hi {{firstName}}", "<p>Hello</p>", null));

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/templates/" + id);
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
        assertThat(created.json().get("text").isNull()).isTrue();
        assertThat(admin.get("/api/v1/templates/" + id).json().get("subject").asString())
                .isEqualTo("Hi {{firstName}}");
        assertThat(admin.get("/api/v1/templates?limit=200").json().get("items").findValuesAsString("name"))
                .contains(created.json().get("name").asString());

        Api.Response replaced = admin.send(
                "PUT",
                "/api/v1/templates/" + id,
                "application/json",
                json(templateBody("Bye {{firstName}}", "<p>Bye</p>", "Bye")));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
        assertThat(admin.get("/api/v1/templates/" + id).json().get("text").asString())
                .isEqualTo("Bye");
    }

    @Test
    void createAndReplaceWarnAtOnceAboutUnknownNamesAndAMissingUnsubscribeLink() {
        Api.Response created = admin.post(
                "/api/v1/templates",
                templateBody(
                        "Hi {{first_name}}",
                        "<p>{{company}} {{attributes.company}} {{default firstName \"you\"}} {{nextMilestone.rewrd}}"
                                + " #{{rank}}</p>",
                        null));

        assertThat(created.status()).isEqualTo(201);
        JsonNode warnings = created.json().get("warnings");
        assertThat(warnings.findValuesAsString("variable"))
                .as("attributes and contest values depend on the contact: only the preview knows")
                .containsExactly("first_name", "company", "nextMilestone.rewrd", "unsubscribeUrl");
        assertThat(warnings.findValuesAsString("kind"))
                .containsExactly("UNKNOWN_VARIABLE", "UNKNOWN_VARIABLE", "UNKNOWN_VARIABLE", "NO_UNSUBSCRIBE_LINK");
        assertThat(warnings.get(0).get("message").asString()).contains("did you mean {{firstName}}?");
        long id = created.json().get("id").asLong();

        Api.Response replaced = admin.send(
                "PUT",
                "/api/v1/templates/" + id,
                "application/json",
                json(templateBody("Hi {{firstName}}", "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>", null)));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("version").asInt()).isEqualTo(2);
        assertThat(replaced.json().get("warnings").isEmpty()).isTrue();
        assertThat(admin.get("/api/v1/templates/" + id).json().has("warnings")).isFalse();
    }

    @Test
    void unknownTemplatesAre404AndTheApiNeedsTheAdminKey() {
        assertThat(admin.get("/api/v1/templates/987654321").status()).isEqualTo(404);
        assertThat(admin.send(
                                "PUT",
                                "/api/v1/templates/987654321",
                                "application/json",
                                json(templateBody("s", "h", null)))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/templates", templateBody("s", "h", null)).status())
                .isEqualTo(401);
    }

    @Test
    void aSyntaxErrorIsA400WithFieldLineAndColumnAndNothingIsStored() {
        long before = count();

        Api.Response html = admin.post(
                "/api/v1/templates",
                templateBody("Fine {{firstName}}", "<p>Hello</p>\n<p>{{#if firstName}}open", null));
        Api.Response subject = admin.post("/api/v1/templates", templateBody("Broken {{firstName", "<p>ok</p>", null));
        Api.Response text =
                admin.post("/api/v1/templates", templateBody("Fine", "<p>ok</p>", "line one\nline two\n  {{/each}}"));

        assertThat(html.status()).isEqualTo(400);
        assertThat(html.header("Content-Type")).startsWith("application/problem+json");
        assertThat(html.json().get("type").asString()).isEqualTo("urn:iabulk:problem:template-syntax");
        assertThat(html.json().get("field").asString()).isEqualTo("html");
        assertThat(html.json().get("line").asInt()).isEqualTo(2);
        assertThat(html.json().get("column").asInt()).isPositive();
        assertThat(html.json().get("requestId").asString()).isEqualTo(html.header("X-Request-ID"));
        assertThat(subject.status()).isEqualTo(400);
        assertThat(subject.json().get("field").asString()).isEqualTo("subject");
        assertThat(subject.json().get("line").asInt()).isEqualTo(1);
        assertThat(subject.json().get("column").asInt()).isEqualTo(19);
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("field").asString()).isEqualTo("text");
        assertThat(text.json().get("line").asInt()).isEqualTo(3);
        assertThat(text.json().get("column").asInt()).isEqualTo(3);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aBrokenReplacementKeepsTheStoredVersion() {
        long id = admin.post("/api/v1/templates", templateBody("Hi", "<p>ok</p>", null))
                .json()
                .get("id")
                .asLong();

        Api.Response broken = admin.send(
                "PUT", "/api/v1/templates/" + id, "application/json", json(templateBody("Hi", "{{#each x}}", null)));

        assertThat(broken.status()).isEqualTo(400);
        JsonNode stored = admin.get("/api/v1/templates/" + id).json();
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        assertThat(stored.get("html").asString()).isEqualTo("<p>ok</p>");
    }

    @Test
    void invalidFieldsAreA400WithPerFieldErrors() {
        Api.Response response =
                admin.post("/api/v1/templates", Map.of("name", "", "subject", "two\nlines", "html", "x\u0000"));
        Api.Response nul = admin.post("/api/v1/templates", templateBody("s", "a\u0000b", null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains("name", "subject");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("errors").get(0).get("field").asString()).isEqualTo("html");
    }

    @Test
    void previewRendersTheContactWithEscapingDefaultsAndADerivedTextPart() {
        long contactId = contactRow()
                .names("Zoë", "<O'Brien>")
                .email("zoe@example.com")
                .attributes("{\"plan\":\"Pro & Co\",\"city\":\"Paris\"}")
                .insert(jdbc);
        long nameless = contactRow().names(null, null).insert(jdbc);
        long id = admin.post(
                        "/api/v1/templates",
                        templateBody("{{default firstName \"there\"}}, your {{attributes.plan}} plan", """
                                <html><head><style>p { color: red }</style></head><body>
                                <h1>Hello {{default firstName "there"}} {{lastName}}</h1>
                                <p>Plan: {{attributes.plan}} in {{attributes.city}}{{attributes.missing}}{{nothing.here}}</p>
                                <p>Write to <a href="mailto:{{email}}">{{email}}</a> or
                                <a href="{{unsubscribeUrl}}">unsubscribe</a> &amp; go.</p>
                                <script>alert(1)</script>
                                </body></html>""", null))
                .json()
                .get("id")
                .asLong();

        JsonNode preview = admin.post("/api/v1/templates/" + id + "/preview", Map.of("contactId", contactId))
                .json();
        JsonNode fallback = admin.post("/api/v1/templates/" + id + "/preview", Map.of("contactId", nameless))
                .json();

        // the subject is not HTML: nothing is escaped there
        assertThat(preview.get("subject").asString()).isEqualTo("Zoë, your Pro & Co plan");
        assertThat(preview.get("html").asString())
                .contains("<h1>Hello Zoë &lt;O&#x27;Brien&gt;</h1>")
                .contains("<p>Plan: Pro &amp; Co in Paris</p>")
                .contains("href=\"mailto:zoe@example.com\"");
        assertThat(preview.get("text").asString())
                .isEqualTo("Hello Zoë <O'Brien>\n\n"
                        + "Plan: Pro & Co in Paris\n\n"
                        + "Write to zoe@example.com or unsubscribe (" + publicUrl("/u/preview") + ") & go.");
        assertThat(fallback.get("subject").asString()).isEqualTo("there, your  plan");
        assertThat(preview.get("warnings").findValuesAsString("variable"))
                .containsExactly("attributes.missing", "nothing.here");
        assertThat(fallback.get("html").asString()).contains("<h1>Hello there </h1>");
    }

    @Test
    void previewWarnsAboutVariablesThatResolveToNothingAndAMissingUnsubscribeLink() {
        long contactId = contactRow()
                .names(null, "Lee")
                .attributes("{\"company\":\"ACME\",\"plan\":\"pro\"}")
                .insert(jdbc);
        long id = admin.post(
                        "/api/v1/templates",
                        templateBody(
                                "News for {{company}}",
                                "<p>Hi {{firstName}} {{lastName}} of {{company}} ({{attributes.compnay}})</p>"
                                        + "<p>{{default firstName \"there\"}} {{#if firstName}}{{firstName}}{{/if}}"
                                        + " {{default frist_name \"you\"}} #{{rank}}</p>",
                                "Hi {{default firstName \"there\"}}, {{first_name}}. {{unsubscribeUrl}}"))
                .json()
                .get("id")
                .asLong();

        Api.Response response = admin.post("/api/v1/templates/" + id + "/preview", Map.of("contactId", contactId));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode preview = response.json();
        assertThat(preview.get("html").asString()).isEqualTo("<p>Hi  Lee of  ()</p><p>there  you #</p>");
        List<String> warnings = new ArrayList<>();
        preview.get("warnings")
                .forEach(w -> warnings.add(w.get("part").asString() + " "
                        + w.get("variable").asString() + " " + w.get("kind").asString()));
        assertThat(warnings)
                .as("the subject first; each reference once per part; an empty value under default or #if is fine")
                .containsExactly(
                        "subject company UNKNOWN_VARIABLE",
                        "html firstName EMPTY_VARIABLE",
                        "html company UNKNOWN_VARIABLE",
                        "html attributes.compnay EMPTY_VARIABLE",
                        "html frist_name UNKNOWN_VARIABLE",
                        "html rank EMPTY_VARIABLE",
                        "html unsubscribeUrl NO_UNSUBSCRIBE_LINK",
                        "text first_name UNKNOWN_VARIABLE");
        assertThat(message(preview, "html", "company")).contains("write {{attributes.company}}");
        assertThat(message(preview, "html", "frist_name")).contains("did you mean {{firstName}}?");
        assertThat(message(preview, "html", "firstName")).contains("empty for this contact");
        assertThat(message(preview, "html", "rank")).contains("contestId");
        assertThat(message(preview, "html", "unsubscribeUrl")).contains("campaigns add a footer");
    }

    private static String message(JsonNode preview, String part, String variable) {
        for (JsonNode warning : preview.get("warnings")) {
            if (warning.get("part").asString().equals(part)
                    && warning.get("variable").asString().equals(variable)) {
                return warning.get("message").asString();
            }
        }
        throw new AssertionError("no warning for " + part + " " + variable + " in " + preview.get("warnings"));
    }

    @Test
    void previewUsesTheGivenTextPartUnescapedAndTheExtraContext() {
        long contactId = contactRow().names("Tom & Jerry", "Cat").insert(jdbc);
        long id = admin.post(
                        "/api/v1/templates",
                        templateBody("{{orderId}}", "<p>{{orderId}}</p>", "Dear {{firstName}}, order {{orderId}}"))
                .json()
                .get("id")
                .asLong();

        JsonNode preview = admin.post(
                        "/api/v1/templates/" + id + "/preview",
                        Map.of("contactId", contactId, "context", Map.of("orderId", "A<1>", "firstName", "Mallory")))
                .json();

        assertThat(preview.get("text").asString()).isEqualTo("Dear Tom & Jerry, order A<1>");
        assertThat(preview.get("html").asString()).isEqualTo("<p>A&lt;1&gt;</p>");
        assertThat(preview.get("subject").asString()).isEqualTo("A<1>");
    }

    @Test
    void previewShowsTheContestParticipation() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json();
        String code = alice.get("referralCode").asString();
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("bob"), code));
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("carol")));
        long aliceContact = jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :code")
                .param("code", code)
                .query(Long.class)
                .single();
        long id = admin.post(
                        "/api/v1/templates",
                        templateBody(
                                "You are #{{rank}}",
                                "<p>{{referralUrl}} {{referrals}} {{points}}"
                                        + " {{nextMilestone.referrals}} {{nextMilestone.remaining}} {{nextMilestone.reward}}</p>",
                                null))
                .json()
                .get("id")
                .asLong();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.post(
                                        "/api/v1/templates/" + id + "/preview",
                                        Map.of("contactId", aliceContact, "contestId", contest))
                                .json()
                                .get("subject")
                                .asString())
                        .isEqualTo("You are #1"));
        JsonNode preview = admin.post(
                        "/api/v1/templates/" + id + "/preview", Map.of("contactId", aliceContact, "contestId", contest))
                .json();
        assertThat(preview.get("html").asString())
                .isEqualTo("<p>" + alice.get("referralUrl").asString() + " 1 10 3 2 T-shirt</p>");
    }

    @Test
    void previewErrorsAreProblems() {
        long contactId = contactRow().insert(jdbc);
        Api.Response unknownHelperAtWrite =
                admin.post("/api/v1/templates", templateBody("s", "<p>{{shout firstName}}</p>", null));
        long id = admin.post("/api/v1/templates", templateBody("s", "<p>{{> footer}}</p>", null))
                .json()
                .get("id")
                .asLong();

        Api.Response unknownContact =
                admin.post("/api/v1/templates/" + id + "/preview", Map.of("contactId", 987654321));
        Api.Response unknownTemplate =
                admin.post("/api/v1/templates/987654321/preview", Map.of("contactId", contactId));
        Api.Response missingPartial =
                admin.post("/api/v1/templates/" + id + "/preview", Map.of("contactId", contactId));
        Api.Response noContact = admin.post("/api/v1/templates/" + id + "/preview", Map.of());

        assertThat(unknownContact.status()).isEqualTo(404);
        assertThat(unknownContact.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknownContact.json().get("detail").asString()).contains("Contact 987654321");
        assertThat(unknownTemplate.status()).isEqualTo(404);
        assertThat(unknownHelperAtWrite.status()).isEqualTo(400);
        assertThat(unknownHelperAtWrite.json().get("reason").asString()).contains("shout");
        assertThat(unknownHelperAtWrite.json().get("column").asInt()).isEqualTo(6);
        assertThat(missingPartial.status()).isEqualTo(400);
        assertThat(missingPartial.json().get("type").asString()).isEqualTo("urn:iabulk:problem:template-render-failed");
        assertThat(noContact.status()).isEqualTo(400);
    }

    private String publicUrl(String path) {
        return "http://localhost:" + port + path;
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM templates").query(Long.class).single();
    }

    private static byte[] json(Object body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsBytes(body);
    }
}
