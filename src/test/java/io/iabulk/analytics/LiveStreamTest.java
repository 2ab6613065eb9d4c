package io.iabulk.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/analytics/live}: a real SSE connection receives the count of an ingested
 * event, over everything or over one campaign.
 */
class LiveStreamTest extends HttpTest {

    @Autowired
    AnalyticsService analytics;

    @Test
    void streamsTheCountOfAnEventIngestedThisMinute() throws Exception {
        String type = "it.live" + ContestTestData.unique();
        long contact = contact();
        awayFromTheMinuteEnd();
        HttpResponse<Stream<String>> stream = open("");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

        ingest(Map.of("contactId", contact, "type", type));

        JsonNode data = firstUpdateWith(stream, type);
        assertThat(data.get("minute").get(type).asLong()).isEqualTo(1);
        assertThat(Instant.parse(data.get("at").asString()))
                .isAfter(Instant.now().minus(Duration.ofSeconds(15)));
        assertThat(data.get("minuteStart").asString()).endsWith(":00Z");
        assertThat(data.get("campaignId").isNull()).isTrue();
    }

    @Test
    void aStreamOfOneCampaignCountsOnlyThatCampaign() throws Exception {
        String type = "it.live" + ContestTestData.unique();
        long contact = contact();
        long campaign = ThreadLocalRandom.current().nextLong(4_000_000_000L, 5_000_000_000L);
        awayFromTheMinuteEnd();
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

    /** The updates show the current minute: do not ingest just before it ends. */
    private static void awayFromTheMinuteEnd() throws InterruptedException {
        int second = Instant.now().atOffset(ZoneOffset.UTC).getSecond();
        if (second >= 50) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    private HttpResponse<Stream<String>> open(String query) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/analytics/live" + query))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
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
            return update.get(10, TimeUnit.SECONDS);
        } finally {
            stream.body().close();
        }
    }
}
