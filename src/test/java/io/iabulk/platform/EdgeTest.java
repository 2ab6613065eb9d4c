package io.iabulk.platform;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.RawHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The shared edge of the API: errors, headers, sizes, compression and conditional reads. */
class EdgeTest extends HttpTest {

    @Test
    void echoesASaneRequestIdAndGeneratesOneOtherwise() {
        Api.Response echoed = api.with("X-Request-ID", "abc-123").get("/api/v1/contests/1/leaderboard");
        Api.Response generated = api.with("X-Request-ID", "bad id with spaces").get("/api/v1/contests/1/leaderboard");

        assertThat(echoed.header("X-Request-ID")).isEqualTo("abc-123");
        assertThat(generated.header("X-Request-ID")).matches("[0-9a-f]{32}");
        assertThat(echoed.header("X-Response-Time")).matches("\\d+\\.\\d{3}ms");
    }

    @Test
    void malformedJsonIsA400Problem() {
        Api.Response response = admin.post("/api/v1/contests", "{\"name\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:malformed-body");
    }

    @Test
    void aWrongTypeNamesTheField() {
        Api.Response response = admin.post("/api/v1/contests", "{\"name\": \"x\", \"pointsPerReferral\": \"ten\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("pointsPerReferral");
    }

    @Test
    void aBodyOverOneMebibyteIsA413AndNothingIsWritten() {
        String before = admin.get("/api/v1/contests?limit=1").body();
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";

        Api.Response response = admin.post("/api/v1/contests", big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:payload-too-large");
        assertThat(admin.get("/api/v1/contests?limit=1").body()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Too() throws Exception {
        byte[] big = ("{\"name\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/contests"))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .header("Content-Type", "application/json")
                // a stream of unknown length is sent chunked, without Content-Length
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void addressesTheServerRefusesItselfAreProblemsToo() throws Exception {
        for (String path : new String[] {
            "/api%2Fv1/contests", "/api/v1/contests/%00", "/api/v1/contests/%zz", "/" + "a".repeat(10_000)
        }) {
            RawHttp.Response response = RawHttp.get(port, path);

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(response.body()).as(path).contains("\"status\":400").doesNotContain("<html");
        }
    }

    @Test
    void anUnknownHttpVersionIsTheClientsMistake() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write("GET /api/v1/contests HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
        }
    }

    @Test
    void malformedQueryParametersAreA400Problem() throws IOException {
        RawHttp.Response response =
                RawHttp.send(port, "GET", "/api/v1/contests?limit=%zz", "Authorization: Bearer " + Api.ADMIN_KEY, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("urn:iabulk:problem:malformed-request");
    }

    @Test
    void everyAnswerForbidsSniffingAndFraming() {
        Api.Response response = admin.get("/api/v1/contests");

        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        Api.Response response =
                admin.send("POST", "/api/v1/contests", "text/plain", "name=x".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void unknownThingsAre404Problems() {
        assertThat(admin.get("/api/v1/contests/987654321").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/participants/nosuchcode").status()).isEqualTo(404);
        Api.Response noRoute = admin.get("/api/v1/no-such-endpoint");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/contests/not-a-number").status()).isEqualTo(404); // a slug no contest has
    }

    @Test
    void leaderboardLimitAbove100IsA400() {
        long contest = activeContest(admin, contestWithoutConfirmation());

        Api.Response response = api.get("/api/v1/contests/" + contest + "/leaderboard?limit=101");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void anUnchangedLeaderboardAnswers304AndAChangedOneDoesNot() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json()
                .get("referralCode")
                .asString();
        String path = "/api/v1/contests/" + contest + "/leaderboard";
        Api.Response first = api.get(path);
        String etag = first.header("ETag");

        assertThat(etag).isNotBlank();
        assertThat(api.with("If-None-Match", etag).get(path).status()).isEqualTo(304);

        api.with("X-Forwarded-For", "10.99.0.1")
                .post("/api/v1/contests/" + contest + "/signups", signup(email("bob"), code));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(
                                api.with("If-None-Match", etag).get(path).status())
                        .isEqualTo(200));
    }

    @Test
    void participantReadsHonourIfNoneMatch() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json()
                .get("referralCode")
                .asString();
        String etag = api.get("/api/v1/participants/" + code).header("ETag");

        assertThat(api.with("If-None-Match", etag)
                        .get("/api/v1/participants/" + code)
                        .status())
                .isEqualTo(304);
    }

    @Test
    void largeBodiesAreGzippedForClientsThatAcceptIt() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .header("Accept-Encoding", "gzip")
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .build();

        HttpResponse<byte[]> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String json = new String(
                new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"openapi\"").contains("/api/v1/contests");
    }

    @Test
    void theOpenApiDocumentMarksAdminOperations() {
        tools.jackson.databind.JsonNode doc = admin.get("/v3/api-docs").json();

        assertThat(doc.get("components").get("securitySchemes").has("adminKey")).isTrue();
        assertThat(doc.get("paths").get("/api/v1/contests").get("post").has("security"))
                .isTrue();
        assertThat(doc.get("paths")
                        .get("/api/v1/contests/{id}/leaderboard")
                        .get("get")
                        .has("security"))
                .isFalse();
        assertThat(admin.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void inProductionModeTheApiDocsNeedTheKey() {
        assertThat(api.get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(401);
    }

    @Test
    void healthIsPublicWithoutDetailsAndMetricsNeedTheKey() {
        Api.Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.body()).doesNotContain("components", "postgres", "PostgreSQL", "diskSpace", "path");
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics/jvm.memory.used").status()).isEqualTo(401);
        assertThat(api.get("/actuator").status()).isEqualTo(401);

        api.get("/api/v1/contests/1/leaderboard");
        admin.get("/api/v1/no-such-endpoint");
        String metrics = admin.get("/actuator/prometheus").body();
        assertThat(metrics).contains("http_server_requests_seconds_bucket");
        assertThat(metrics)
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/contests/\\{id}/leaderboard\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"");
    }
}
