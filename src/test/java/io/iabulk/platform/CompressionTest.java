package io.iabulk.platform;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies over 1 KiB are gzipped for a client that accepts it, whatever sets their validator, and
 * an ETag handed out with a compressed body still answers 304. The JDK client neither asks for
 * compression nor undoes it, so these tests see the bytes on the wire.
 */
class CompressionTest extends HttpTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theLeaderboardAt100IsGzippedWithAWeakEtagThatStillAnswers304() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        for (int i = 0; i < 25; i++) {
            signUp(contest, Map.of("email", email("p" + i), "firstName", "Participant" + i, "lastName", "Lastname"));
        }
        String path = "/api/v1/contests/" + contest + "/leaderboard?limit=100";

        HttpResponse<byte[]> plain = get(path);
        HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");

        assertThat(plain.body().length).as("over 1 KiB uncompressed").isGreaterThan(1024);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(gzipped.body())).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        assertThat(JSON.readTree(plain.body()).get("entries").size()).isEqualTo(25);
        assertThat(gzipped.headers().allValues("Vary")).containsExactly("Accept-Encoding");
        assertThat(get(path, "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding"))
                .isEmpty();
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        assertThat(plain.headers().firstValue("ETag")).hasValue(etag);

        // the validator as sent, and its strong spelling (a client or proxy may drop the W/)
        for (String validator : List.of(etag, etag.substring(2))) {
            HttpResponse<byte[]> again = get(path, "Accept-Encoding", "gzip", "If-None-Match", validator);
            assertThat(again.statusCode()).as(validator).isEqualTo(304);
            assertThat(again.headers().firstValue("ETag")).hasValue(etag);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void aParticipantStatusOver1KiBIsGzippedAndItsEtagStillAnswers304() {
        Map<String, Object> body = contestWithoutConfirmation();
        // CJK text takes three bytes a character: the status passes 1 KiB within the field limits
        body.put("milestones", List.of(Map.of("referrals", 1, "reward", "賞".repeat(200))));
        long contest = activeContest(admin, body);
        String code = signUp(contest, Map.of("email", email("big"), "firstName", "名".repeat(100)))
                .get("referralCode")
                .asString();
        String path = "/api/v1/participants/" + code;

        HttpResponse<byte[]> plain = get(path);
        HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");

        assertThat(plain.body().length).isGreaterThan(1024);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(JSON.readTree(gunzip(gzipped.body())).get("referralCode").asString())
                .isEqualTo(code);
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("W/\"");
        for (String validator : List.of(etag, etag.substring(2))) {
            assertThat(get(path, "Accept-Encoding", "gzip", "If-None-Match", validator)
                            .statusCode())
                    .as(validator)
                    .isEqualTo(304);
        }
    }

    @Test
    void aReportAndThePagesAreGzippedForClientsThatAcceptItAndNotForOthers() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String slug =
                admin.get("/api/v1/contests/" + contest).json().get("slug").asString();
        String code = signUp(contest, Map.of("email", email("page"), "firstName", "Zoë", "lastName", "Ørsted"))
                .get("referralCode")
                .asString();
        String report = "/api/v1/contests/" + contest + "/analytics";
        String page = "/c/" + slug;
        // the status page is the contest's frame, gzipped once, around the participant's part
        String statusPage = "/p/" + code;

        for (String path : List.of(report, page, statusPage)) {
            HttpResponse<byte[]> gzipped =
                    get(path, "Accept-Encoding", "gzip", "Authorization", "Bearer " + Api.ADMIN_KEY);
            HttpResponse<byte[]> plain = get(path, "Authorization", "Bearer " + Api.ADMIN_KEY);
            HttpResponse<byte[]> identity =
                    get(path, "Accept-Encoding", "identity", "Authorization", "Bearer " + Api.ADMIN_KEY);

            assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding"))
                    .as(path)
                    .hasValue("gzip");
            assertThat(gunzip(gzipped.body())).as(path).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
            assertThat(plain.body().length).as(path).isGreaterThan(1024);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(identity.headers().firstValue("Content-Encoding"))
                    .as(path)
                    .isEmpty();
            assertThat(String.join(",", gzipped.headers().allValues("Vary")))
                    .as(path)
                    .containsIgnoringCase("Accept-Encoding");
        }
        HttpResponse<byte[]> status = get(statusPage, "Accept-Encoding", "gzip");
        assertThat(gunzip(status.body()))
                .contains("Zoë", "<dt>Rank</dt>\n<dd>1</dd>")
                .doesNotContain("iabulk:hole");
    }

    @Test
    void libraryResponsesAreGzippedToo() {
        for (String path : List.of(
                "/swagger-ui/swagger-ui-bundle.js", "/v3/api-docs.yaml", "/actuator/metrics", "/actuator/prometheus")) {
            HttpResponse<byte[]> gzipped =
                    get(path, "Accept-Encoding", "gzip", "Authorization", "Bearer " + Api.ADMIN_KEY);

            assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding"))
                    .as(path)
                    .hasValue("gzip");
            assertThat(gunzip(gzipped.body()).length()).as(path).isGreaterThan(1024);
        }
    }

    @Test
    void smallBodiesAreSentAsTheyAre() {
        long contest = activeContest(admin, contestWithoutConfirmation());

        HttpResponse<byte[]> small = get("/api/v1/contests/" + contest + "/leaderboard", "Accept-Encoding", "gzip");

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body().length).isLessThan(1024);
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    }

    private JsonNode signUp(long contest, Map<String, Object> body) {
        Api.Response response = api.post("/api/v1/contests/" + contest + "/signups", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                // the page group is limited per client address: this test class has one of its own
                .header("X-Forwarded-For", "198.19.12.1");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
