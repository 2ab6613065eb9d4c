package io.iabulk.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An event holding a NUL (which PostgreSQL refuses in text and JSONB) is the error of its index;
 * the other events of the batch are stored, and the batch never fails as a whole.
 */
class EventTextTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    String type;
    long contact;

    @BeforeEach
    void data() {
        type = "it.nul" + ContestTestData.unique();
        contact = admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("events")))
                .json()
                .get("id")
                .asLong();
    }

    @Test
    void eventsWithANulAreErrorsByIndexAndTheOthersAreStored() {
        List<Map<String, Object>> events = List.of(
                Map.of("contactId", contact, "type", type, "properties", Map.of("sku", "A\u0000")),
                Map.of("contactId", contact, "type", type, "properties", Map.of("k\u0000", 1)),
                Map.of(
                        "contactId",
                        contact,
                        "type",
                        type,
                        "properties",
                        Map.of("items", List.of(Map.of("n", "\u0000")))),
                Map.of("contactId", contact, "type", type, "eventId", "id-\u0000"),
                Map.of("contactId", contact, "type", type, "properties", Map.of("sku", "ok")));

        Api.Response response = admin.post("/api/v1/events", events);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(response.json().get("errors").findValuesAsString("message"))
                .containsExactly(
                        "properties.sku: must not contain NUL characters (\\u0000)",
                        "properties: must not contain NUL characters (\\u0000)",
                        "properties.items[0].n: must not contain NUL characters (\\u0000)",
                        "eventId: must not contain NUL characters (\\u0000)");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void anNdjsonLineWithANulIsTheErrorOfItsLine() {
        String body =
                "{\"contactId\": " + contact + ", \"type\": \"" + type + "\", \"properties\": {\"a\": \"\\u0000\"}}\n"
                        + "{\"contactId\": " + contact + ", \"type\": \"" + type + "\"}\n";

        Api.Response response = admin.send("POST", "/api/v1/events", "application/x-ndjson", body.getBytes());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(response.json().get("errors").get(0).get("index").asInt()).isZero();
        assertThat(stored()).isEqualTo(1);
    }

    private long stored() {
        return jdbc.sql("SELECT count(*) FROM analytics_events WHERE type = :type")
                .param("type", type)
                .query(Long.class)
                .single();
    }
}
