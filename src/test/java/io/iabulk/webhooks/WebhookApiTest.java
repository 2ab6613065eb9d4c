package io.iabulk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The webhooks API: create (secret shown once), read, delete, enable, the log; bad input is a 400. */
class WebhookApiTest extends HttpTest {

    private static final String URL = "https://93.184.215.14/hooks/iabulk";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM webhooks").update();
    }

    @Test
    void aCreatedWebhookShowsItsGeneratedSecretOnceAndIsListedWithoutIt() {
        Api.Response created = admin.post(
                "/api/v1/webhooks", Map.of("url", URL, "events", List.of("referral.credited", "campaign.finished")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        long id = body.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + id);
        assertThat(body.get("secret").asString()).matches("whsec_[A-Za-z0-9_-]{43}");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("events").toString()).isEqualTo("[\"referral.credited\",\"campaign.finished\"]");

        Api.Response read = admin.get("/api/v1/webhooks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.body()).doesNotContain(body.get("secret").asString());
        assertThat(admin.get("/api/v1/webhooks").body())
                .contains(URL)
                .doesNotContain(body.get("secret").asString());

        Api.Response another =
                admin.post("/api/v1/webhooks", Map.of("url", URL, "events", List.of("referral.credited")));
        assertThat(another.json().get("secret").asString())
                .isNotEqualTo(body.get("secret").asString());
    }

    @Test
    void aGivenSecretIsKept() {
        Api.Response created = admin.post(
                "/api/v1/webhooks",
                Map.of("url", URL, "events", List.of("contact.unsubscribed"), "secret", "my-own-secret-1234567"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("secret").asString()).isEqualTo("my-own-secret-1234567");
    }

    @Test
    void invalidFieldsAreA400NamingEachField() {
        assertInvalid(Map.of("events", List.of("referral.credited")), "url");
        assertInvalid(body("ftp://93.184.215.14/x", List.of("referral.credited")), "url");
        assertInvalid(body("https://", List.of("referral.credited")), "url");
        assertInvalid(body("https://93.184.215.14/a b", List.of("referral.credited")), "url");
        assertInvalid(body("https://93.184.215.14/a\u0007b", List.of("referral.credited")), "url");
        assertInvalid(body("https://user:pw@93.184.215.14/", List.of("referral.credited")), "url");
        assertInvalid(body("https://93.184.215.14/" + "a".repeat(2048), List.of("referral.credited")), "url");
        assertInvalid(body("https://no-such-host.invalid/hook", List.of("referral.credited")), "url");
        assertInvalid(body(URL, List.of()), "events");
        assertInvalid(Map.of("url", URL), "events");
        assertInvalid(body(URL, List.of("referral.credited", "referral.exploded")), "events[1]");
        assertInvalid(body(URL, List.of("referral.credited", "referral.credited")), "events[1]");
        Map<String, Object> shortSecret = body(URL, List.of("referral.credited"));
        shortSecret.put("secret", "short");
        assertInvalid(shortSecret, "secret");
        Map<String, Object> spacedSecret = body(URL, List.of("referral.credited"));
        spacedSecret.put("secret", "a secret with spaces in it");
        assertInvalid(spacedSecret, "secret");

        Api.Response malformed = admin.post("/api/v1/webhooks", "{\"url\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        Api.Response wrongType =
                admin.post("/api/v1/webhooks", "{\"url\": \"" + URL + "\", \"events\": \"referral.credited\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhooks").query(Long.class).single())
                .isZero();
    }

    @Test
    void unknownWebhooksAre404AndDeletedOnesAreGone() {
        long id = admin.post("/api/v1/webhooks", body(URL, List.of("referral.credited")))
                .json()
                .get("id")
                .asLong();
        assertThat(admin.send("DELETE", "/api/v1/webhooks/" + id, null, new byte[0])
                        .status())
                .isEqualTo(204);
        assertThat(admin.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/api/v1/webhooks/" + id, null, new byte[0])
                        .status())
                .isEqualTo(404);
        assertThat(admin.post("/api/v1/webhooks/" + id + "/enable").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/webhooks/abc").status()).isEqualTo(400);
    }

    @Test
    void theDeliveryLogRefusesAnUnknownStatusAndBadPaging() {
        long id = admin.post("/api/v1/webhooks", body(URL, List.of("referral.credited")))
                .json()
                .get("id")
                .asLong();
        Api.Response empty = admin.get("/api/v1/webhooks/" + id + "/deliveries?status=DELIVERED&limit=10");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("items")).isEmpty();
        assertThat(empty.json().get("nextCursor").isNull()).isTrue();
        Api.Response bad = admin.get("/api/v1/webhooks/" + id + "/deliveries?status=LOST");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries?limit=0").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries?limit=201").status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/webhooks/" + id + "/deliveries?cursor=x").status())
                .isEqualTo(400);
    }

    @Test
    void withoutTheKeyNothingIsShown() {
        assertThat(api.get("/api/v1/webhooks").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/webhooks", body(URL, List.of("referral.credited")))
                        .status())
                .isEqualTo(401);
    }

    private static Map<String, Object> body(String url, List<String> events) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("events", new ArrayList<>(events));
        return body;
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        Api.Response response = admin.post("/api/v1/webhooks", body);
        assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).as(response.body()).contains(field);
    }
}
