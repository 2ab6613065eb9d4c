package io.iabulk.contacts;

import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A NUL in a name or an attribute (which PostgreSQL refuses) and a line break in a name are a 400
 * naming the field through the API, and a rejected line with its reason in a CSV import; nothing of
 * the refused input is stored.
 */
class ContactTextTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewContactWithANulOrALineBreakIsRefusedAndNotStored() {
        String address = email("nul");

        assertInvalid(admin.post("/api/v1/contacts", Map.of("email", address, "firstName", "An\u0000n")), "firstName");
        assertInvalid(admin.post("/api/v1/contacts", Map.of("email", address, "lastName", "Lee\u0000")), "lastName");
        assertInvalid(
                admin.post("/api/v1/contacts", Map.of("email", address, "attributes", Map.of("city", "Pa\u0000ris"))),
                "attributes.city");
        assertInvalid(
                admin.post("/api/v1/contacts", Map.of("email", address, "firstName", "Ann\r\nBcc: x")), "firstName");
        assertInvalid(admin.post("/api/v1/contacts", Map.of("email", address, "lastName", "two\nlines")), "lastName");

        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE email_normalized = :e")
                        .param("e", address)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPatchWithANulOrALineBreakIsRefusedAndTheContactIsUnchanged() {
        Api.Response created = admin.post(
                "/api/v1/contacts",
                Map.of(
                        "email",
                        email("patch"),
                        "firstName",
                        "Ann",
                        "attributes",
                        Map.of("note", "line one\nline two")));
        assertThat(created.status()).as("an attribute may span lines").isEqualTo(201);
        long id = created.json().get("id").asLong();
        JsonNode before = admin.get("/api/v1/contacts/" + id).json();

        assertInvalid(admin.patch("/api/v1/contacts/" + id, Map.of("firstName", "A\u0000")), "firstName");
        assertInvalid(admin.patch("/api/v1/contacts/" + id, Map.of("lastName", "x\ny")), "lastName");
        assertInvalid(
                admin.patch("/api/v1/contacts/" + id, Map.of("attributes", Map.of("note", "\u0000"))),
                "attributes.note");

        assertThat(admin.get("/api/v1/contacts/" + id).json()).isEqualTo(before);
    }

    @Test
    void importLinesWithANulOrANameOnTwoLinesAreRejectedWithAReason() {
        String good = email("good");
        String nulName = email("nulname");
        String nulAttribute = email("nulattr");
        String twoLines = email("twolines");
        String csv = "email,first_name,city\n"
                + good + ",Gil,Lyon\n"
                + nulName + ",G\u0000il,Lyon\n"
                + nulAttribute + ",Gil,Ly\u0000on\n"
                + twoLines + ",\"Gil\nBcc: x\",Lyon\n";

        Api.Response accepted =
                admin.send("POST", "/api/v1/contacts/imports", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !"RUNNING"
                        .equals(admin.get(location).json().get("status").asString()));
        JsonNode result = admin.get(location).json();
        String rejected = admin.get(location + "/rejected").body();

        assertThat(result.get("created").asInt()).isEqualTo(1);
        assertThat(result.get("invalid").asInt()).isEqualTo(3);
        assertThat(rejected).contains("3,,contains a NUL character", "4,,contains a NUL character");
        assertThat(rejected).contains("5," + twoLines + ",\"first_name contains characters we cannot accept");
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE email_normalized IN (:a, :b, :c)")
                        .param("a", nulName)
                        .param("b", nulAttribute)
                        .param("c", twoLines)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
