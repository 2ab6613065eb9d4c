package io.iabulk.campaigns;

import static io.iabulk.support.Problems.assertProblem;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Templates are written by operators but must not take the service down: nesting that would
 * overflow the parser's stack is a 400 when the template is stored, a partial that calls itself or
 * loops that multiply are a 400 on preview and a failed message (never retried) at send time, and
 * the helpers that reach the server ({@code log}, {@code i18n}, ...) do not exist.
 */
@ExtendWith(OutputCaptureExtension.class)
class TemplateLimitsTest extends HttpTest {

    private static final String RECURSIVE = "{{#*inline \"p\"}}{{> p}}{{/inline}}<p>{{> p}}</p>";

    @Autowired
    JdbcClient jdbc;

    long contact;

    @BeforeEach
    void data() {
        contact = admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("tpl"), "firstName", "Ann"))
                .json()
                .get("id")
                .asLong();
    }

    @Test
    void sourcesNestedThousandsDeepAreA400WhenStoredAndNothingIsStored() {
        long existing = create("<p>Hi</p>").json().get("id").asLong();
        long before = rows(jdbc, "templates");

        List<String> deep = List.of(
                "{{#if a}}".repeat(3_000) + "x" + "{{/if}}".repeat(3_000),
                "{{#each a}}".repeat(3_000) + "{{/each}}".repeat(3_000),
                "{{#if a}}" + "{{else if b}}".repeat(3_000) + "{{/if}}",
                "{{default " + "(default ".repeat(3_000) + "a" + ")".repeat(3_000) + " \"x\"}}",
                "{{=<% %>=}}" + "<%#if a%>".repeat(3_000) + "<%/if%>".repeat(3_000));
        for (String html : deep) {
            Api.Response refused = create(html);
            assertProblem(refused, 400, "template-syntax");
            assertThat(refused.json().get("field").asString()).isEqualTo("html");
            assertProblem(
                    admin.post("/api/v1/templates", Map.of("name", "t", "subject", "s", "html", "x", "text", html)),
                    400,
                    "template-syntax");
            assertProblem(
                    admin.send(
                            "PUT",
                            "/api/v1/templates/" + existing,
                            "application/json",
                            Api.json(Map.of("name", "t", "subject", "s", "html", html))
                                    .getBytes()),
                    400,
                    "template-syntax");
        }

        assertThat(rows(jdbc, "templates")).isEqualTo(before);
        assertThat(admin.get("/api/v1/templates/" + existing)
                        .json()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void fortyLevelsOfBlocksStillCompileAndRender() {
        String html = "{{#if firstName}}".repeat(40) + "Hi {{firstName}}" + "{{/if}}".repeat(40);

        assertThat(preview(create(html).json().get("id").asLong())
                        .json()
                        .get("html")
                        .asString())
                .isEqualTo("Hi Ann");
    }

    @Test
    void aPartialThatCallsItselfIsA400OnPreview() {
        String mutual = "{{#*inline \"p\"}}{{> q}}{{/inline}}{{#*inline \"q\"}}{{> p}}{{/inline}}{{> p}}";

        for (String html : List.of(RECURSIVE, mutual)) {
            Api.Response preview = preview(create(html).json().get("id").asLong());
            assertProblem(preview, 400, "template-render-failed");
            assertThat(preview.json().get("detail").asString()).contains("more than 10 deep");
        }
    }

    @Test
    void loopsAndPartialCallsThatMultiplyAreA400OnPreview() {
        long nestedLoops = create("{{#each items}}{{#each ../items}}{{#each ../../items}}x{{/each}}{{/each}}{{/each}}")
                .json()
                .get("id")
                .asLong();
        StringBuilder fanOut = new StringBuilder();
        IntStream.range(0, 9)
                .forEach(i -> fanOut.append(
                        "{{#*inline \"p%d\"}}%s{{/inline}}".formatted(i, ("{{> p" + (i + 1) + "}}").repeat(10))));
        fanOut.append("{{#*inline \"p9\"}}x{{/inline}}{{> p0}}");

        Api.Response loops = admin.post(
                "/api/v1/templates/" + nestedLoops + "/preview",
                Map.of(
                        "contactId",
                        contact,
                        "context",
                        Map.of("items", IntStream.range(0, 100).boxed().toList())));
        Api.Response calls = preview(create(fanOut.toString()).json().get("id").asLong());

        assertProblem(loops, 400, "template-render-failed");
        assertProblem(calls, 400, "template-render-failed");
        assertThat(calls.json().get("detail").asString()).contains("more than 100000 times");
    }

    @Test
    void aSaneTemplateWithPartialsAndLoopsStillRenders() {
        long id = create("{{#*inline \"item\"}}<li>{{this}}</li>{{/inline}}"
                        + "<ul>{{#each items}}{{> item}}{{/each}}</ul>{{lookup this \"firstName\"}}")
                .json()
                .get("id")
                .asLong();

        Api.Response preview = admin.post(
                "/api/v1/templates/" + id + "/preview",
                Map.of("contactId", contact, "context", Map.of("items", List.of("a", "b"))));

        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("html").asString()).isEqualTo("<ul><li>a</li><li>b</li></ul>Ann");
    }

    @Test
    void helpersThatReachTheServerDoNotExist(CapturedOutput output) {
        for (String html : List.of(
                "{{log \"TEMPLATE-LOG-MARKER\" level=\"error\"}}",
                "{{i18n \"key\"}}",
                "{{i18nJs \"en\"}}",
                "{{precompile \"x\"}}",
                "{{embedded \"x\"}}",
                "{{block \"x\"}}",
                "{{#partial \"x\"}}{{block \"x\"}}{{/partial}}{{block \"x\"}}")) {
            assertThat(create(html).status()).as(html).isEqualTo(400);
        }

        assertThat(output.getAll()).doesNotContain("TEMPLATE-LOG-MARKER");
    }

    @Test
    void atSendTimeARecursiveTemplateFailsTheMessageOnceAndForAll() {
        long template = create(RECURSIVE).json().get("id").asLong();

        Api.Response queued = admin.post("/api/v1/messages", Map.of("templateId", template, "contactId", contact));
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        long send = queued.json().get("id").asLong();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> "FAILED"
                        .equals(admin.get("/api/v1/messages/" + send)
                                .json()
                                .get("status")
                                .asString()));

        Map<String, Object> row = jdbc.sql("SELECT attempts, error FROM email_sends WHERE id = :id")
                .param("id", send)
                .query()
                .singleRow();
        assertThat((String) row.get("error")).contains("more than 10 deep");
        assertThat(((Number) row.get("attempts")).intValue())
                .as("claimed once, not retried")
                .isEqualTo(1);
    }

    private Api.Response create(String html) {
        return admin.post(
                "/api/v1/templates",
                Map.of("name", "Limits " + ContestTestData.unique(), "subject", "Hi", "html", html));
    }

    private Api.Response preview(long template) {
        return admin.post("/api/v1/templates/" + template + "/preview", Map.of("contactId", contact));
    }
}
