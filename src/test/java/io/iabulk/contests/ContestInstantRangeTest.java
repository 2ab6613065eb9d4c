package io.iabulk.contests;

import static io.iabulk.support.Problems.OUT_OF_RANGE_INSTANTS;
import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.param;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Contest times outside what the database (or {@code Instant}) holds are a 400 naming the field,
 * never a 500 from the insert, and nothing is stored or changed.
 */
class ContestInstantRangeTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aContestWithAStartOrEndOutsideTheAcceptedRangeIsRefusedAndNotStored() {
        long before = rows(jdbc, "contests");

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(admin.post("/api/v1/contests", Map.of("name", "Far " + at, "startsAt", at)), "startsAt");
            assertInvalid(admin.post("/api/v1/contests", Map.of("name", "Far " + at, "endsAt", at)), "endsAt");
        }
        assertInvalid(
                admin.post("/api/v1/contests", Map.of("name", "Before 1970", "startsAt", "1969-12-31T23:59:59Z")),
                "startsAt");

        assertThat(rows(jdbc, "contests")).isEqualTo(before);
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() {
        Api.Response created = admin.post(
                "/api/v1/contests",
                Map.of(
                        "name", "Edges " + ContestTestData.unique(),
                        "startsAt", "1970-01-01T00:00:00Z",
                        "endsAt", "9999-12-31T23:59:59Z"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("endsAt").asString()).isEqualTo("9999-12-31T23:59:59Z");
    }

    @Test
    void aPatchOutsideTheRangeIsRefusedAndTheContestKeepsItsTimes() {
        long id = admin.post("/api/v1/contests", ContestTestData.contest())
                .json()
                .get("id")
                .asLong();
        JsonNode stored = admin.get("/api/v1/contests/" + id).json();

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(admin.patch("/api/v1/contests/" + id, Map.of("startsAt", at)), "startsAt");
            assertInvalid(admin.patch("/api/v1/contests/" + id, Map.of("endsAt", at, "name", "Renamed")), "endsAt");
        }

        assertThat(admin.get("/api/v1/contests/" + id).json()).isEqualTo(stored);
    }

    @Test
    void analyticsRangesOutsideTheAcceptedRangeAreA400() {
        long id = admin.post("/api/v1/contests", ContestTestData.contest())
                .json()
                .get("id")
                .asLong();
        String path = "/api/v1/contests/" + id + "/analytics";

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(admin.get(path + "?to=" + param(at)), "to");
            assertInvalid(admin.get(path + "?from=" + param(at) + "&to=2026-01-01T00:00:00Z"), "from");
        }
        assertThat(admin.get(path + "?from=2026-01-01&to=2026-01-02T00:00:00Z").status())
                .as("a date is UTC midnight")
                .isEqualTo(200);
    }
}
