package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rest of the hostile-input run, kept as a regression test: paging parameters out of range or
 * not numbers, ids beyond {@code long}, unknown enum values and granularities, bodies of the wrong
 * media type, answers in a media type the endpoint does not make, and unsupported methods are all
 * a 4xx problem+json, never a 500.
 */
class HostileParametersTest extends HttpTest {

    private static final String HUGE = "99999999999999999999";

    @Test
    void pagingParametersOutOfRangeOrNotNumbersAreA400() {
        for (String list : List.of("/api/v1/contests", "/api/v1/campaigns", "/api/v1/templates", "/api/v1/contacts")) {
            for (String query : List.of(
                    "limit=-1", "limit=0", "limit=99999999999", "limit=abc", "cursor=garbage", "cursor=" + HUGE)) {
                assertClientError(admin.get(list + "?" + query), 400);
            }
        }
        assertClientError(admin.get("/api/v1/contests/1/leaderboard?limit=-1"), 400);
        assertClientError(admin.get("/api/v1/contests/1/winners?limit=" + HUGE), 400);
        assertClientError(admin.get("/api/v1/contests/1/winners?mode=weighted-draw&seed=garbage"), 400);
    }

    @Test
    void idsBeyondLongAreA400AndNegativeOnesA404() {
        for (String path : List.of(
                "/api/v1/contests/%s",
                "/api/v1/contests/%s/stats",
                "/api/v1/contests/%s/analytics",
                "/api/v1/contests/%s/referrals",
                "/api/v1/contests/%s/winners",
                "/api/v1/campaigns/%s",
                "/api/v1/campaigns/%s/performance",
                "/api/v1/campaigns/%s/summary",
                "/api/v1/templates/%s",
                "/api/v1/segments/%s",
                "/api/v1/segments/%s/count",
                "/api/v1/contacts/%s",
                "/api/v1/contacts/imports/%s",
                "/api/v1/messages/%s")) {
            assertClientError(admin.get(path.formatted(HUGE)), 400);
            // a contest is also named by its slug: "abc" is one that no contest has
            assertClientError(admin.get(path.formatted("abc")), path.startsWith("/api/v1/contests/") ? 404 : 400);
            assertClientError(admin.get(path.formatted("-1")), 404);
        }
        assertClientError(api.get("/api/v1/contests/" + HUGE + "/leaderboard"), 400);
        assertClientError(admin.post("/api/v1/campaigns/" + HUGE + "/start"), 400);
        assertClientError(admin.post("/api/v1/referrals/" + HUGE + "/approve"), 400);
        assertClientError(admin.post("/api/v1/contests/" + Long.MAX_VALUE + "/activate"), 404);
    }

    @Test
    void unknownEnumValuesAndGranularitiesAreA400() {
        for (String path : List.of(
                "/api/v1/contests?status=bogus",
                "/api/v1/contacts?status=bogus",
                "/api/v1/contests/1/referrals?status=bogus",
                "/api/v1/contests/1/analytics?granularity=bogus",
                "/api/v1/campaigns/1/performance?granularity=fortnight",
                "/api/v1/analytics/timeseries?type=purchase&granularity=bogus",
                "/api/v1/contests/1/winners?mode=bogus")) {
            assertClientError(admin.get(path), 400);
        }
    }

    @Test
    void wrongMediaTypesAndMethodsAreClientErrors() {
        byte[] body = "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/v1/contests", "/api/v1/campaigns", "/api/v1/segments", "/api/v1/events")) {
            assertClientError(admin.send("POST", path, "text/plain", body), 415);
            assertClientError(admin.send("POST", path, null, body), 415);
            assertClientError(admin.send("POST", path, "application/json; charset=nonsense", body), 415);
        }
        assertClientError(admin.with("Accept", "application/xml").get("/api/v1/contests"), 406);
        assertClientError(admin.send("DELETE", "/api/v1/contests/1", null, new byte[0]), 405);
        assertClientError(admin.send("PATCH", "/api/v1/segments/1", "application/json", body), 405);
    }

    @Test
    void emptyBodiesAreA400() {
        for (String path : List.of("/api/v1/contests", "/api/v1/campaigns", "/api/v1/segments", "/api/v1/contacts")) {
            assertClientError(admin.send("POST", path, "application/json", new byte[0]), 400);
        }
        assertClientError(admin.send("PATCH", "/api/v1/contests/1", "application/json", new byte[0]), 400);
        assertClientError(admin.post("/api/v1/contests", Map.of()), 400);
    }

    private static void assertClientError(Api.Response response, int status) {
        assertThat(response.status())
                .as(response.raw().uri() + " " + response.body())
                .isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }
}
