package io.iabulk.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/analytics/live}: a real SSE connection receives the count of an ingested
 * event, over everything or over one campaign. The clock is pinned half a minute into a minute, so
 * the event and the update fall in the same minute whenever the test runs; the ticker is stepped by
 * hand (the tests' live period is an hour).
 */
class LiveStreamTest extends HttpTest {

    @Autowired
    AnalyticsService analytics;

    @Autowired
    LiveStreams live;

    @Autowired
    MutableClock clock;

    private Instant now;

    @BeforeEach
    void pinTheClock() {
        now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
        clock.pin(now);
    }

    @AfterEach
    void releaseTheClock() {
        clock.reset();
    }

    @Test
    void streamsTheCountOfAnEventIngestedThisMinute() throws Exception {
        String type = "it.live" + ContestTestData.unique();
        long contact = contact();
        HttpResponse<Stream<String>> stream = open("");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        ingest(Map.of("contactId", contact, "type", type));

        JsonNode data = firstUpdateWith(stream, type);
        assertThat(data.get("minute").get(type).asLong()).isEqualTo(1);
        assertThat(Instant.parse(data.get("at").asString())).isEqualTo(now);
        assertThat(Instant.parse(data.get("minuteStart").asString())).isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(data.get("campaignId").isNull()).isTrue();
    }

    @Test
    void aStreamOfOneCampaignCountsOnlyThatCampaign() throws Exception {
        String type = "it.live" + ContestTestData.unique();
        long contact = contact();
        long campaign = ThreadLocalRandom.current().nextLong(4_000_000_000L, 5_000_000_000L);
        HttpResponse<Stream<String>> stream = open("?campaignId=" + campaign);
        assertThat(stream.statusCode()).isEqualTo(200);

        ingest(Map.of("contactId", contact, "type", type, "campaignId", campaign));
        ingest(Map.of("contactId", contact, "type", type, "campaignId", campaign + 1));
        ingest(Map.of("contactId", contact, "type", type));

        JsonNode data = firstUpdateWith(stream, type);
        assertThat(data.get("minute").get(type).asLong()).isEqualTo(1);
        assertThat(data.get("campaignId").asLong()).isEqualTo(campaign);
        assertThat(admin.get("/api/v1/analytics/live?campaignId=-1").status()).isEqualTo(400);
    }

    private long contact() {
        return admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("live")))
                .json()
                .get("id")
                .asLong();
    }

    /** Opens a stream; its response starts with the first update, so the ticker is stepped until it came. */
    private HttpResponse<Stream<String>> open(String query) throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/analytics/live" + query))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        stepUntil(response::isDone);
        return response.get();
    }

    private void ingest(Map<String, Object> event) {
        Api.Response ingested = admin.post("/api/v1/events", List.of(event));
        assertThat(ingested.json().get("accepted").asInt()).as(ingested.body()).isEqualTo(1);
    }

    /** The first update that counts the type (all ingested events are flushed to the rollups first). */
    private JsonNode firstUpdateWith(HttpResponse<Stream<String>> stream, String type) throws Exception {
        analytics.flush();
        CompletableFuture<JsonNode> update = CompletableFuture.supplyAsync(() -> stream.body()
                .filter(line -> line.startsWith("data:") && line.contains(type))
                .map(line -> JsonMapper.builder().build().readTree(line.substring("data:".length())))
                .findFirst()
                .orElseThrow());
        try {
            stepUntil(update::isDone);
            return update.get();
        } finally {
            stream.body().close();
        }
    }

    /**
     * Steps the ticker until the condition holds (a stream that is still taking the previous
     * update skips one).
     */
    private void stepUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    live.runOnce();
                    return condition.getAsBoolean();
                });
    }
}
