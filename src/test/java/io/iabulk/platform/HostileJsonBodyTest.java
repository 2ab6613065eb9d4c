package io.iabulk.platform;

import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.assertProblem;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bodies built to break the JSON parser or the binding (nested 10,000 deep, numbers of 2,000
 * digits, numbers beyond long, wrong types, empty bodies, bytes that are not UTF-8) are a 400
 * problem on every JSON endpoint, never a 500, and nothing is written.
 */
class HostileJsonBodyTest extends HttpTest {

    private static final String DEEP = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    private static final List<String> TABLES =
            List.of("contests", "contacts", "campaigns", "segments", "templates", "email_sends", "analytics_events");

    @Autowired
    JdbcClient jdbc;

    long contest;
    long template;
    long contact;

    @BeforeEach
    void data() {
        contest = ContestTestData.activeContest(admin, ContestTestData.contestWithoutConfirmation());
        template = CampaignTestData.template(admin);
        contact = admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("json")))
                .json()
                .get("id")
                .asLong();
    }

    /** Every endpoint that reads a JSON body, with the client allowed to call it. */
    private List<Target> targets() {
        return List.of(
                new Target(admin, "POST", "/api/v1/contests"),
                new Target(admin, "PATCH", "/api/v1/contests/" + contest),
                new Target(api, "POST", "/api/v1/contests/" + contest + "/signups"),
                new Target(admin, "POST", "/api/v1/contacts"),
                new Target(admin, "PATCH", "/api/v1/contacts/" + contact),
                new Target(admin, "POST", "/api/v1/templates"),
                new Target(admin, "PUT", "/api/v1/templates/" + template),
                new Target(admin, "POST", "/api/v1/templates/" + template + "/preview"),
                new Target(admin, "POST", "/api/v1/segments"),
                new Target(admin, "POST", "/api/v1/campaigns"),
                new Target(admin, "POST", "/api/v1/messages"),
                new Target(admin, "POST", "/api/v1/conversions"),
                new Target(admin, "POST", "/api/v1/events"));
    }

    private record Target(Api client, String method, String path) {

        Api.Response send(String body) {
            return client.send(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBodyNestedTenThousandDeepIsA400EverywhereAndNothingIsWritten() {
        Map<String, Long> before = counts();

        for (Target target : targets()) {
            // the events endpoint wants an array: an object is refused before it is read
            Api.Response deep = target.path().endsWith("/events") ? target.send("[" + DEEP + "]") : target.send(DEEP);
            assertProblem(deep, 400, "json-limit-exceeded");
            assertThat(deep.json().get("detail").asString())
                    .contains("nesting depth")
                    .doesNotContain("StreamReadConstraints");
            refused(target, "[" + DEEP + "]");
        }
        assertProblem(
                admin.post("/api/v1/events", "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]"),
                400,
                "json-limit-exceeded");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aNumberOfTwoThousandDigitsIsA400EverywhereAndNothingIsWritten() {
        Map<String, Long> before = counts();
        String digits = "9".repeat(2_000);

        for (Target target : targets()) {
            refused(target, "{\"name\": " + digits + "}");
            refused(target, "[{\"name\": " + digits + "}]");
        }
        assertProblem(
                admin.post(
                        "/api/v1/events",
                        "[{\"contactId\": " + contact + ", \"type\": \"x\", \"properties\": {\"n\": " + digits + "}}]"),
                400,
                "json-limit-exceeded");

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void emptyNullAndNonUtf8BodiesAreA400Everywhere() {
        Map<String, Long> before = counts();

        for (Target target : targets()) {
            for (String body : List.of("", "null", "\"x\"", "{\"name\": ", "[{}", "{}}")) {
                refused(target, body);
            }
            if (!target.path().endsWith("/events")) { // where an array of events is the body
                refused(target, "[]");
                refused(target, "[1]");
            }
            Api.Response notUtf8 = target.client().send(target.method(), target.path(), "application/json", new byte[] {
                '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'
            });
            assertThat(notUtf8.status())
                    .as(target.path() + " " + notUtf8.body())
                    .isEqualTo(400);
        }

        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void numbersBeyondTheirTypeAndWrongTypesNameTheField() {
        long before = rows(jdbc, "campaigns");
        Map<String, Object> campaign = Map.of(
                "name", "Hostile", "audience", Map.of("all", true), "from", "news@iabulk.test", "templateId", template);

        assertInvalid(
                admin.post("/api/v1/campaigns", json(campaign, "templateId", "18446744073709551616")), "templateId");
        assertInvalid(admin.post("/api/v1/campaigns", json(campaign, "templateId", "1e400")), "templateId");
        assertInvalid(
                admin.post("/api/v1/campaigns", json(campaign, "maxRatePerSecond", "9223372036854775807")),
                "maxRatePerSecond");
        assertInvalid(
                admin.post("/api/v1/campaigns", json(campaign, "audience", "{\"segmentId\": 1e400}")),
                "audience.segmentId");
        assertInvalid(admin.post("/api/v1/campaigns", json(campaign, "name", "{\"a\": 1}")), "name");
        assertInvalid(admin.post("/api/v1/campaigns", json(campaign, "subjectVariants", "\"one\"")), "subjectVariants");
        assertInvalid(
                admin.post("/api/v1/contests", "{\"name\": \"x\", \"pointsPerSignup\": 1e400}"), "pointsPerSignup");
        assertInvalid(
                admin.patch("/api/v1/contests/" + contest, "{\"pointsPerSignup\": 18446744073709551616}"),
                "pointsPerSignup");
        assertInvalid(
                admin.post("/api/v1/campaigns", json(campaign, "name", "\"" + "x".repeat(500_000) + "\"")), "name");

        assertThat(rows(jdbc, "campaigns")).isEqualTo(before);
    }

    private static void refused(Target target, String body) {
        Api.Response response = target.send(body);
        assertThat(response.status())
                .as(target.method() + " " + target.path() + " <" + body.substring(0, Math.min(body.length(), 40)) + "> "
                        + response.body())
                .isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        TABLES.forEach(table -> counts.put(table, rows(jdbc, table)));
        return counts;
    }

    /** The body as JSON text with one member replaced by raw JSON (which a map could not hold). */
    private static String json(Map<String, Object> body, String member, String rawValue) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((name, value) -> {
            if (!name.equals(member)) {
                json.append('"')
                        .append(name)
                        .append("\": ")
                        .append(Api.json(value))
                        .append(", ");
            }
        });
        return json.append('"')
                .append(member)
                .append("\": ")
                .append(rawValue)
                .append('}')
                .toString();
    }
}
