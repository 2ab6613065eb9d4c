package io.iabulk.contacts;

import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.SecretTokens;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ContactApiTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    private Api.Response delete(String path) {
        return admin.send("DELETE", path, null, new byte[0]);
    }

    @Test
    void upsertCreatesThenUpdatesByNormalisedAddressKeepingFieldsLeftOut() {
        String local = "jane.doe" + System.nanoTime();
        Api.Response created = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "email", local + "@gmail.com",
                        "firstName", "Jane",
                        "lastName", "Doe",
                        "timeZone", "Europe/Paris",
                        "locale", "fr-FR",
                        "attributes", Map.of("plan", "pro", "city", "Lyon")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode contact = created.json();
        long id = contact.get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/contacts/" + id);
        assertThat(contact.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(contact.get("attributes").get("plan").asString()).isEqualTo("pro");
        assertThat(contact.get("createdAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        // the same mailbox written differently; only lastName and one attribute are sent
        Api.Response updated = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "email",
                        local.replace(".", "").toUpperCase(Locale.ROOT) + "+news@googlemail.com",
                        "lastName",
                        "Smith",
                        "attributes",
                        Map.of("plan", "free")));

        assertThat(updated.status()).isEqualTo(200);
        JsonNode after = admin.get("/api/v1/contacts/" + id).json();
        assertThat(after.get("id").asLong()).isEqualTo(id);
        assertThat(after.get("firstName").asString()).isEqualTo("Jane");
        assertThat(after.get("lastName").asString()).isEqualTo("Smith");
        assertThat(after.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(after.get("locale").asString()).isEqualTo("fr-FR");
        assertThat(after.get("attributes").get("plan").asString()).isEqualTo("free");
        assertThat(after.get("attributes").get("city").asString()).isEqualTo("Lyon");
    }

    @Test
    void patchClearsFieldsSentAsNull() {
        long id = create(email("clear"), Map.of("firstName", "Al", "attributes", Map.of("a", "1", "b", "2")));

        Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("firstName", null);
        patch.put("attributes", java.util.Collections.singletonMap("a", null));
        JsonNode contact = admin.patch("/api/v1/contacts/" + id, patch).json();

        assertThat(contact.get("firstName").isNull()).isTrue();
        assertThat(contact.get("attributes").propertyNames()).containsExactly("b");
    }

    @Test
    void invalidFieldsAreReportedTogether() {
        Api.Response response = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "email", "not-an-address",
                        "timeZone", "Mars/Olympus",
                        "locale", "not a tag!",
                        "attributes", Map.of("bad name", "x", "n", 3),
                        "colour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "email", "timeZone", "locale", "attributes.bad name", "attributes.n", "colour");
    }

    @Test
    void malformedJsonAndUnknownStatusAreProblems() {
        long id = create(email("bad"), Map.of());

        Api.Response broken = admin.post("/api/v1/contacts", "{\"email\": ");
        Api.Response unknown = admin.patch("/api/v1/contacts/" + id, Map.of("status", "SLEEPING"));
        Api.Response bounced = admin.patch("/api/v1/contacts/" + id, Map.of("status", "BOUNCED"));
        Api.Response missing = admin.get("/api/v1/contacts/999999999");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(bounced.status()).isEqualTo(400);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/contacts/" + id).json().get("status").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void unsubscribingSuppressesAndReactivatingLiftsTheSuppression() {
        String address = email("unsub");
        long id = create(address, Map.of());

        JsonNode unsubscribed = admin.patch("/api/v1/contacts/" + id, Map.of("status", "UNSUBSCRIBED"))
                .json();

        assertThat(unsubscribed.get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(unsubscribed.get("statusChangedAt").isNull()).isFalse();
        assertThat(suppressionReason(address)).isEqualTo("UNSUBSCRIBED");

        JsonNode active = admin.patch("/api/v1/contacts/" + id, Map.of("status", "ACTIVE"))
                .json();

        assertThat(active.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(suppressionReason(address)).isNull();
    }

    @Test
    void bouncedContactsCannotBeReactivated(@Autowired ContactService contacts) {
        String address = email("bounced");
        long id = create(address, Map.of());
        contacts.suppress(new ContactId(id), ContactStatus.BOUNCED);

        Api.Response response = admin.patch("/api/v1/contacts/" + id, Map.of("status", "ACTIVE"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:status-transition");
        assertThat(suppressionReason(address)).isEqualTo("BOUNCED");
    }

    @Test
    void erasureRemovesPersonalDataKeepsTheHashAndTheAddressStaysSuppressed() {
        String address = email("erase");
        long id = create(
                address,
                Map.of("firstName", "Eve", "lastName", "Gone", "timeZone", "UTC", "attributes", Map.of("x", "y")));

        Api.Response erased = delete("/api/v1/contacts/" + id);

        assertThat(erased.status()).isEqualTo(204);
        Map<String, Object> row = jdbc.sql("SELECT * FROM contacts WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row.values().stream().map(String::valueOf))
                .noneMatch(v -> v.contains("erase-") || v.equals("Eve") || v.equals("Gone") || v.equals("UTC"));
        assertThat(row.get("email")).isEqualTo("erased-" + id + "@erased.invalid");
        assertThat(String.valueOf(row.get("status"))).isEqualTo("ERASED");
        assertThat(suppressionReason(address)).isEqualTo("ERASED");
        assertThat(delete("/api/v1/contacts/" + id).status()).isEqualTo(204);
        assertThat(admin.patch("/api/v1/contacts/" + id, Map.of("firstName", "Back"))
                        .status())
                .isEqualTo(409);

        Api.Response again = admin.post("/api/v1/contacts", Map.of("email", address));

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asLong()).isNotEqualTo(id);
        assertThat(again.json().get("status").asString()).isEqualTo("UNSUBSCRIBED");
    }

    @Test
    void listsPagesByIdWithFilters() {
        String tag = "page" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(tag + "-" + i + "@example.com", Map.of()));
        }
        admin.patch("/api/v1/contacts/" + ids.get(3), Map.of("status", "UNSUBSCRIBED"));

        List<Long> seen = new ArrayList<>();
        String after = Long.toString(ids.getFirst() - 1);
        int pages = 0;
        while (after != null && pages < 10) {
            JsonNode page =
                    admin.get("/api/v1/contacts?limit=2&cursor=" + after).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            after = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        }
        JsonNode unsubscribed = admin.get("/api/v1/contacts?status=UNSUBSCRIBED&cursor=" + (ids.getFirst() - 1))
                .json();
        JsonNode byEmail = admin.get("/api/v1/contacts?email=" + tag.toUpperCase(Locale.ROOT) + "-2@example.com")
                .json();

        assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
        assertThat(unsubscribed.get("items").findValues("id").stream().map(JsonNode::asLong))
                .contains(ids.get(3))
                .doesNotContain(ids.get(0), ids.get(1), ids.get(2), ids.get(4));
        assertThat(byEmail.get("items").size()).isEqualTo(1);
        assertThat(byEmail.get("items").get(0).get("id").asLong()).isEqualTo(ids.get(2));
        assertThat(byEmail.get("nextCursor").isNull()).isTrue();
        assertThat(admin.get("/api/v1/contacts?status=SLEEPING").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/contacts?limit=0").status()).isEqualTo(400);
    }

    @Test
    void concurrentUpsertsOfOneAddressCreateOneContact() throws Exception {
        String address = email("race");
        List<java.util.concurrent.Future<Api.Response>> responses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                String name = "N" + i;
                responses.add(
                        pool.submit(() -> admin.post("/api/v1/contacts", Map.of("email", address, "firstName", name))));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (var response : responses) {
            statuses.add(response.get().status());
            ids.add(response.get().json().get("id").asLong());
        }

        assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE email_normalized = :n")
                        .param("n", EmailAddress.parse(address).normalized())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private long create(String address, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("email", address);
        Api.Response response = admin.post("/api/v1/contacts", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private String suppressionReason(String address) {
        return jdbc.sql("SELECT reason FROM suppressions WHERE email_hash = :hash")
                .param(
                        "hash",
                        SecretTokens.sha256Hex(EmailAddress.parse(address).normalized()))
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
