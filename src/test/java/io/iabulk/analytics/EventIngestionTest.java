package io.iabulk.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/events}: valid events stored once (idempotent by event id within a day),
 * invalid ones reported by index, the body limits, and the rollups of what was stored.
 */
class EventIngestionTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    String type;
    long campaign;
    long alice;
    String bobEmail;
    long bob;
    Instant day;

    @BeforeEach
    void data() {
        type = "it.purchase" + ContestTestData.unique();
        campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        alice = contact(ContestTestData.email("alice"));
        bobEmail = ContestTestData.email("bob");
        bob = contact(bobEmail);
        // yesterday: inside the kept window whatever the time of day the test runs
        day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
    }

    @Test
    void storesValidEventsOnceAndReportsInvalidOnesByIndex() {
        Instant t1 = day.plus(Duration.parse("PT10H15M20S"));
        Instant t2 = day.plus(Duration.parse("PT10H16M05S"));
        List<Object> batch = new ArrayList<>();
        batch.add(event("id-1", t1).with("contactId", alice)); // 0 stored
        batch.add(event("id-2", t2).with("email", bobEmail.toUpperCase())); // 1 stored, for bob
        batch.add(event("id-1", t1.plusSeconds(60)).with("contactId", bob)); // 2 duplicate of 0
        batch.add(event("id-3", t1).with("contactId", alice).with("type", "email.open")); // 3 reserved
        batch.add(event("id-4", t1).with("contactId", alice).with("email", bobEmail)); // 4 both
        batch.add(event("id-5", t1).with("email", ContestTestData.email("nobody"))); // 5 unknown email
        batch.add(event("id-6", t1).with("contactId", Long.MAX_VALUE - 7)); // 6 unknown contact
        batch.add(event("id-7", Instant.now().minus(Duration.ofDays(30))).with("contactId", alice)); // 7 too old
        batch.add(event("id-8", t1).with("contactId", alice).with("type", "Purchase")); // 8 bad type
        batch.add(event("id-9", t1).with("contactId", alice).with("properties", "x")); // 9 not an object
        batch.add(42); // 10 not an event
        batch.add(new Event()
                .with("type", type)
                .with("contactId", bob)
                .with("campaignId", campaign)
                .with("properties", Map.of("sku", "A1"))); // 11 stored: server id, now
        batch.add(event("x".repeat(65), t1).with("contactId", alice)); // 12 id too long
        batch.add(event("id-13", t1).with("contactId", alice).with("properties", Map.of("pad", "p".repeat(5000))));
        batch.add(event("id-14", t1).with("contactId", "12")); // 14 wrong JSON type

        Api.Response first = admin.post("/api/v1/events", batch);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(3);
        assertThat(first.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(errorIndexes(first.json())).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14);
        assertThat(first.json().get("errors").get(0).get("message").asString()).contains("reserved");

        // a retry of part of the batch, with one new event
        Api.Response second = admin.post(
                "/api/v1/events",
                List.of(
                        event("id-1", t1).with("contactId", alice),
                        event("id-2", t2).with("contactId", bob),
                        event("id-15", t2.plusSeconds(3600)).with("contactId", alice)));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(second.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(second.json().get("errors")).isEmpty();

        assertThat(storedIds()).containsExactlyInAnyOrder("id-1", "id-2", "id-15", serverMadeId());
        assertThat(serverMadeId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        Map<String, Object> first1 = jdbc.sql(
                        "SELECT contact_id, occurred_at, campaign_id FROM analytics_events WHERE type = :type AND event_id = 'id-1'")
                .param("type", type)
                .query()
                .singleRow();
        assertThat(first1.get("contact_id")).as("the first event of an id wins").isEqualTo(alice);
        assertThat(((java.sql.Timestamp) first1.get("occurred_at")).toInstant()).isEqualTo(t1);
        assertThat(jdbc.sql("SELECT contact_id FROM analytics_events WHERE type = :type AND event_id = 'id-2'")
                        .param("type", type)
                        .query(Long.class)
                        .single())
                .as("the email resolves to its contact")
                .isEqualTo(bob);
        assertThat(jdbc.sql("SELECT properties ->> 'sku' FROM analytics_events WHERE type = :type"
                                + " AND properties IS NOT NULL")
                        .param("type", type)
                        .query(String.class)
                        .single())
                .isEqualTo("A1");

        analytics.flush();
        List<RollupBucket> minutes =
                analytics.series(Set.of(type), null, campaign, day, day.plus(Duration.ofDays(2)), Granularity.MINUTE);
        Map<Instant, Long> counts = new LinkedHashMap<>();
        minutes.forEach(b -> counts.merge(b.start(), b.count(), Long::sum));
        Instant now = Granularity.MINUTE.bucketOf(Instant.now());
        assertThat(counts).containsEntry(Granularity.MINUTE.bucketOf(t1), 1L);
        assertThat(counts).containsEntry(Granularity.MINUTE.bucketOf(t2), 1L);
        assertThat(counts).containsEntry(Granularity.MINUTE.bucketOf(t2.plusSeconds(3600)), 1L);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum())
                .as("one count per stored event, none for duplicates or invalid ones")
                .isEqualTo(4);
        assertThat(counts.keySet()).anySatisfy(m -> assertThat(m).isBetween(now.minusSeconds(120), now));
    }

    @Test
    void concurrentRetriesOfOneBatchStoreAndCountEachEventOnce() throws Exception {
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(event("c-" + i, day.plusSeconds(36_000 + i * 7L)).with("contactId", alice));
        }
        List<Object> reversed = new ArrayList<>(batch);
        Collections.reverse(reversed);
        int clients = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            // half of them in the opposite order: shared ids must not deadlock
            List<Object> body = c % 2 == 0 ? batch : reversed;
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                return admin.post("/api/v1/events", body);
            }));
        }
        go.countDown();

        int accepted = 0;
        int duplicates = 0;
        for (CompletableFuture<Api.Response> answer : answers) {
            Api.Response response = answer.get(60, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            accepted += response.json().get("accepted").asInt();
            duplicates += response.json().get("duplicates").asInt();
        }
        assertThat(accepted).isEqualTo(300);
        assertThat(duplicates).isEqualTo(300 * (clients - 1));
        assertThat(storedIds()).hasSize(300);
        analytics.flush();
        assertThat(
                        analytics
                                .series(
                                        Set.of(type),
                                        null,
                                        campaign,
                                        day,
                                        day.plus(Duration.ofDays(1)),
                                        Granularity.HOUR)
                                .stream()
                                .mapToLong(RollupBucket::count)
                                .sum())
                .isEqualTo(300);
    }

    @Test
    void acceptsNdjson() {
        String body = event("n-1", day.plusSeconds(3600))
                        .with("contactId", alice)
                        .json() + "\n"
                + event("n-2", day.plusSeconds(3660)).with("email", bobEmail).json() + "\n\n"
                + event("n-3", day.plusSeconds(3600))
                        .with("contactId", alice)
                        .with("type", "contest.signup")
                        .json()
                + "\n";

        Api.Response response = admin.send("POST", "/api/v1/events", "application/x-ndjson", bytes(body));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(errorIndexes(response.json())).containsExactly(2);
        assertThat(storedIds()).containsExactlyInAnyOrder("n-1", "n-2");
    }

    @Test
    void refusesMoreEventsThanOneRequestMayCarry() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"contactId\":")
                    .append(alice)
                    .append(",\"type\":\"")
                    .append(type)
                    .append("\"}");
        }
        body.append(']');

        Api.Response response = admin.send("POST", "/api/v1/events", "application/json", bytes(body.toString()));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:too-many-events");
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void refusesABodyWhoseDeclaredLengthIsOver16MiBBeforeReadingIt() throws Exception {
        // only the head is sent: the answer must come from the declared length alone (a client
        // library would fail writing the rest once the server closes the connection)
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(bytes("POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + Api.ADMIN_KEY + "\r\n"
                            + "Content-Type: application/json\r\n"
                            + "Content-Length: " + (16 * 1024 * 1024 + 1) + "\r\n\r\n"));
            BufferedReader answer =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(answer.readLine()).startsWith("HTTP/1.1 413");
            List<String> headers = new ArrayList<>();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                headers.add(line.toLowerCase(Locale.ROOT));
            }
            assertThat(headers).contains("content-type: application/problem+json");
        }
    }

    @Test
    void refusesAChunkedBodyOnceItPasses16MiB() throws Exception {
        byte[] body = bytes("[{\"contactId\":" + alice + ",\"type\":\"" + type + "\",\"properties\":{\"pad\":\""
                + "p".repeat(16 * 1024 * 1024) + "\"}}]");

        // a stream of unknown length is sent chunked: the limit is found by reading
        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events"))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(chunked.body()).contains("payload-too-large");
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void answersAMalformedBodyWith400() {
        for (String body : List.of("this is not json", "[{\"type\":\"a\"", "{\"type\":\"a.b\",\"contactId\":1}")) {
            Api.Response response = admin.send("POST", "/api/v1/events", "application/json", bytes(body));
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:malformed-body");
        }
    }

    @Test
    void anNdjsonLineThatIsNotOneObjectIsAnErrorOfItsIndexAndTheOtherLinesAreStored() {
        String body = event("l-1", day.plusSeconds(3600))
                        .with("contactId", alice)
                        .json() + "\n"
                + "{oops}\n"
                + event("l-2", day.plusSeconds(3600)).with("contactId", alice).json() + " {\"type\":\"x\"}\n"
                + "[1, 2]\n"
                + "\n"
                + event("l-3", day.plusSeconds(3600)).with("contactId", alice).json() + "\n";

        Api.Response response = admin.send("POST", "/api/v1/events", "application/x-ndjson", bytes(body));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(errorIndexes(response.json())).containsExactly(1, 2, 3);
        assertThat(response.json().get("errors").get(0).get("message").asString())
                .startsWith("not a JSON object");
        assertThat(storedIds()).containsExactlyInAnyOrder("l-1", "l-3");
    }

    @Test
    void needsTheAdminKey() {
        Api.Response response =
                api.post("/api/v1/events", List.of(event("k-1", day).with("contactId", alice)));
        assertThat(response.status()).isEqualTo(401);
        assertThat(storedIds()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Event event(String id, Instant at) {
        return new Event()
                .with("eventId", id)
                .with("type", type)
                .with("campaignId", campaign)
                .with("occurredAt", at.toString());
    }

    private long contact(String email) {
        Api.Response created = admin.post("/api/v1/contacts", Map.of("email", email));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private List<String> storedIds() {
        return jdbc.sql("SELECT event_id FROM analytics_events WHERE type = :type")
                .param("type", type)
                .query(String.class)
                .list();
    }

    private String serverMadeId() {
        return jdbc.sql("SELECT event_id FROM analytics_events WHERE type = :type AND properties IS NOT NULL")
                .param("type", type)
                .query(String.class)
                .single();
    }

    private static List<Integer> errorIndexes(JsonNode answer) {
        List<Integer> indexes = new ArrayList<>();
        answer.get("errors").forEach(e -> indexes.add(e.get("index").asInt()));
        return indexes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An event body built field by field (a map, so tests can send wrong types too). */
    static final class Event extends LinkedHashMap<String, Object> {

        Event with(String name, Object value) {
            put(name, value);
            return this;
        }

        String json() {
            return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(this);
        }
    }
}
