package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API documents itself: the OpenAPI document gives every operation a summary, one tag of the
 * list, the codes it really answers (401 for admin operations, 429 for public ones, errors as the
 * one {@code Problem}), and real schemas for the bodies endpoints read themselves. The generic
 * checks walk every operation of the document, so a new endpoint without its documentation fails
 * here the day it is added.
 */
class OpenApiDocumentTest extends HttpTest {

    private static final List<String> TAGS = List.of(
            "Contests",
            "Participants",
            "Contacts",
            "Imports",
            "Segments",
            "Templates",
            "Campaigns",
            "Messages",
            "Tracking",
            "Analytics",
            "Webhooks",
            "Models");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** What the service answers at all (403 and 503: the SendGrid webhook's signature and start-up). */
    private static final Set<String> CODES =
            Set.of("200", "201", "202", "204", "304", "400", "401", "403", "404", "409", "413", "415", "429", "503");

    /**
     * The full set of codes of the operations where a code matters: creates, accepted work, deletes,
     * conditional reads, conflicts, idempotent retries. Path variables are written {@code {}}.
     */
    private static final Map<String, Set<String>> EXPECTED = expected(
            "POST /api/v1/contests", "201 400 401 409 413 415",
            "GET /api/v1/contests/{}", "200 400 401 404",
            "PATCH /api/v1/contests/{}", "200 400 401 404 409 413 415",
            "POST /api/v1/contests/{}/activate", "200 400 401 404 409",
            "POST /api/v1/contests/{}/end", "200 400 401 404 409",
            "POST /api/v1/referrals/{}/approve", "200 400 401 404 409",
            "POST /api/v1/referrals/{}/reject", "200 400 401 404 409",
            "POST /api/v1/contests/{}/signups", "200 201 400 404 409 413 415 429",
            "GET /api/v1/participants/{}", "200 304 400 404 429",
            "GET /api/v1/contests/{}/leaderboard", "200 304 400 404 429",
            "POST /api/v1/contacts", "200 201 400 401 413 415",
            "PATCH /api/v1/contacts/{}", "200 400 401 404 409 413 415",
            "DELETE /api/v1/contacts/{}", "204 400 401 404",
            "POST /api/v1/contacts/imports", "202 400 401 413 415 429",
            "GET /api/v1/contacts/imports/{}", "200 400 401 404",
            "POST /api/v1/segments", "201 400 401 413 415",
            "POST /api/v1/templates", "201 400 401 413 415",
            "PUT /api/v1/templates/{}", "200 400 401 404 413 415",
            "POST /api/v1/campaigns", "201 400 401 413 415",
            "POST /api/v1/campaigns/{}/start", "200 400 401 404 409",
            "POST /api/v1/campaigns/{}/cancel", "200 400 401 404 409",
            "POST /api/v1/messages", "202 400 401 413 415",
            "POST /api/v1/conversions", "200 201 400 401 404 413 415",
            "POST /api/v1/events", "200 400 401 413 415",
            "GET /api/v1/analytics/timeseries", "200 400 401",
            "POST /api/v1/webhooks/sendgrid", "200 400 401 403 404 413 429 503",
            "POST /api/v1/models/engagement/train", "202 401",
            "POST /api/v1/models/referral-risk/train", "202 401",
            "GET /api/v1/models/training-jobs/{}", "200 400 401 404",
            "GET /api/v1/models/{}", "200 400 401 404",
            "POST /api/v1/models/{}/activate", "200 400 401 404 409");

    @Autowired
    ApplicationContext context;

    private JsonNode doc;

    @BeforeEach
    void readTheDocument() {
        var response = admin.get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        doc = response.json();
    }

    @Test
    void contestPathsSayTheyTakeASlug() {
        tools.jackson.databind.JsonNode parameters = admin.get("/v3/api-docs")
                .json()
                .get("paths")
                .get("/api/v1/contests/{id}/stats")
                .get("get")
                .get("parameters");

        assertThat(parameters.get(0).get("description").asString()).contains("slug");
    }

    @Test
    void theTagsAreTheResourcesInOrderEachWithADescription() {
        List<String> names = new ArrayList<>();
        for (JsonNode tag : doc.get("tags")) {
            names.add(tag.get("name").asString());
            assertThat(text(tag, "description")).as(tag.toString()).isNotBlank();
        }
        assertThat(names).containsExactlyElementsOf(TAGS);
    }

    @Test
    void everyOperationHasASummaryAndExactlyOneTagOfTheList() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> {
            if (text(op, "summary").isBlank()) {
                wrong.add(name + ": no summary");
            }
            List<String> tags = new ArrayList<>();
            op.path("tags").forEach(t -> tags.add(t.asString()));
            if (tags.size() != 1 || !TAGS.contains(tags.getFirst())) {
                wrong.add(name + ": tags " + tags);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void adminOperationsAnswer401AndPublicOnes429WithRetryAfter() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> {
            JsonNode responses = op.get("responses");
            if (isAdmin(op) && !responses.has("401")) {
                wrong.add(name + ": admin without 401");
            }
            if (!isAdmin(op) && !responses.has("429")) {
                wrong.add(name + ": public without 429");
            }
            if (responses.has("429") && !responses.get("429").path("headers").has("Retry-After")) {
                wrong.add(name + ": 429 without Retry-After");
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theDocumentSaysWhichOperationsNeedTheKeyAsTheEdgeDecides() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> {
            String method = name.substring(0, name.indexOf(' '));
            String path = name.substring(name.indexOf(' ') + 1).replaceAll("\\{[^}]*}", "1");
            // a media type the operation reads, so that its mapping matches and only the key decides
            String contentType = op.path("requestBody").path("content").propertyNames().stream()
                    .findFirst()
                    .orElse(null);
            int status = api.send(method, path, contentType, new byte[0]).status();
            boolean documents401 = op.get("responses").has("401");
            if (isAdmin(op) ? status != 401 : status == 401 && !documents401) {
                wrong.add(name + " without the key -> " + status);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyErrorIsAProblemOfTheOneSchemaAndNothingElse() {
        JsonNode problem = doc.at("/components/schemas/Problem");
        assertThat(problem.get("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "requestId", "errors");
        assertThat(problem.at("/properties/errors/items/properties").propertyNames())
                .contains("field", "message");

        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> op.get("responses").properties().forEach(response -> {
            String code = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (code.startsWith("4") || code.startsWith("5")) {
                if (content.size() != 1
                        || !"#/components/schemas/Problem"
                                .equals(text(
                                        content.path("application/problem+json").path("schema"), "$ref"))) {
                    wrong.add(name + " " + code + ": " + content);
                }
            } else if ((code.equals("204") || code.equals("304")) && !content.isMissingNode()) {
                wrong.add(name + " " + code + " has a body: " + content);
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOperationDocumentsASuccessAndOnlyCodesTheServiceAnswers() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> {
            Set<String> codes = new TreeSet<>(op.get("responses").propertyNames());
            if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
                wrong.add(name + ": no success in " + codes);
            }
            if (!CODES.containsAll(codes)) {
                wrong.add(name + ": " + codes);
            }
            for (String code : codes) {
                if (text(op.get("responses").get(code), "description").isBlank()) {
                    wrong.add(name + " " + code + ": no description");
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void whatAnOperationReadsDocumentsItsErrorsAndEveryMediaTypeHasASchema() {
        List<String> wrong = new ArrayList<>();
        forEachOperation((name, op) -> {
            JsonNode responses = op.get("responses");
            boolean parameters = !op.path("parameters").isEmpty();
            JsonNode body = op.path("requestBody").path("content");
            if ((parameters || !body.isMissingNode()) && !responses.has("400")) {
                wrong.add(name + ": reads input, no 400");
            }
            if (!body.isMissingNode() && !responses.has("413")) {
                wrong.add(name + ": reads a body, no 413");
            }
            body.properties().forEach(media -> {
                if (media.getValue().path("schema").isMissingNode()) {
                    wrong.add(name + ": " + media.getKey() + " without a schema");
                }
            });
            if (name.contains("{") && !responses.has("404")) {
                wrong.add(name + ": names a resource, no 404");
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCodesThatMatterAreTheOnesTheServiceAnswers() {
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        forEachOperation((name, op) -> documented.put(
                name.replaceAll("\\{[^}]*}", "{}"),
                op.get("responses").propertyNames().stream().collect(Collectors.toCollection(TreeSet::new))));

        EXPECTED.forEach((operation, codes) ->
                assertThat(documented.get(operation)).as(operation).isEqualTo(codes));
    }

    @Test
    void everyApiRouteOfTheServiceIsInTheDocumentAndNothingElseIs() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String path : info.getPatternValues()) {
                    if (path.startsWith("/api/")) {
                        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                            routes.add(method.name() + " " + path);
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        forEachOperation((name, op) -> documented.add(name));

        assertThat(documented).isEqualTo(routes);
    }

    @Test
    void endpointsThatReadTheirBodyThemselvesShowWhatTheyRead() {
        JsonNode upload = doc.at("/paths/~1api~1v1~1contacts~1imports/post/requestBody/content");
        assertThat(upload.propertyNames())
                .containsExactlyInAnyOrder("text/csv", "application/csv", "multipart/form-data");
        for (String csv : List.of("text/csv", "application/csv")) {
            assertThat(text(upload.path(csv).path("schema"), "format")).isEqualTo("binary");
            assertThat(upload.path(csv).path("examples").toString()).contains("email,first_name");
        }
        assertThat(text(upload.at("/multipart~1form-data/schema/properties/file"), "format"))
                .isEqualTo("binary");

        JsonNode events = doc.at("/paths/~1api~1v1~1events/post/requestBody/content");
        assertThat(events.propertyNames()).containsExactlyInAnyOrder("application/json", "application/x-ndjson");
        assertThat(text(events.at("/application~1json/schema/items"), "$ref")).isEqualTo("#/components/schemas/Event");
        assertThat(events.at("/application~1x-ndjson/examples").toString()).contains("\\n");

        JsonNode sendgrid = doc.at("/paths/~1api~1v1~1webhooks~1sendgrid/post/requestBody/content/application~1json");
        assertThat(text(sendgrid.at("/schema/items"), "$ref")).isEqualTo("#/components/schemas/SendGridEvent");

        for (String patched : List.of("/~1api~1v1~1contacts~1{id}", "/~1api~1v1~1contacts")) {
            doc.at("/paths" + patched)
                    .forEach(op -> op.path("requestBody")
                            .path("content")
                            .forEach(media -> assertThat(text(media.path("schema"), "$ref"))
                                    .startsWith("#/components/schemas/Contact")));
        }
        assertThat(doc.toString()).doesNotContain("#/components/schemas/JsonNode");
    }

    @Test
    void theSegmentFilterHasARealSchemaAndAnExample() {
        assertThat(text(doc.at("/components/schemas/NewSegment/properties/filter"), "$ref"))
                .isEqualTo("#/components/schemas/SegmentFilter");
        assertThat(text(doc.at("/components/schemas/Segment/properties/filter"), "$ref"))
                .isEqualTo("#/components/schemas/SegmentFilter");
        JsonNode filter = doc.at("/components/schemas/SegmentFilter");
        assertThat(filter.get("oneOf").toString()).contains("SegmentGroup", "SegmentCondition");
        assertThat(filter.at("/example/all").isArray()).isTrue();
    }

    @Test
    void everyReferenceNamesASchemaOfTheDocument() {
        Matcher refs = Pattern.compile("\"#/components/schemas/([^\"]+)\"").matcher(doc.toString());
        Set<String> missing = new TreeSet<>();
        while (refs.find()) {
            if (!doc.at("/components/schemas").has(refs.group(1))) {
                missing.add(refs.group(1));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theBearerInstructionIsWrittenSoSwaggerUiShowsIt() {
        String description = text(doc.get("info"), "description");
        // Swagger UI renders Markdown and drops HTML-like tags: the placeholder must sit in a code span
        assertThat(description).contains("`Authorization: Bearer <admin key>`");
        assertThat(description.replaceAll("`[^`]*`", "")).doesNotContain("<", ">");
        assertThat(doc.at("/components/securitySchemes/adminKey/scheme").asString())
                .isEqualTo("bearer");
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        check.accept(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                operation.getValue());
                    }
                }));
    }

    private static boolean isAdmin(JsonNode operation) {
        return operation.path("security").toString().contains("adminKey");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static Map<String, Set<String>> expected(String... operationsAndCodes) {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < operationsAndCodes.length; i += 2) {
            expected.put(operationsAndCodes[i], new TreeSet<>(List.of(operationsAndCodes[i + 1].split(" "))));
        }
        return expected;
    }
}
