package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every path that takes a contest id also takes its slug; digits are always an id. */
class ContestSlugPathsTest extends HttpTest {

    @Test
    void everyContestPathTakesTheSlugInsteadOfTheId() {
        String slug = "summer-" + unique();
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("slug", slug);
        long id = admin.post("/api/v1/contests", body).json().get("id").asLong();
        String bySlug = "/api/v1/contests/" + slug;

        assertThat(admin.get(bySlug).json().get("id").asLong()).isEqualTo(id);
        assertThat(admin.post(bySlug + "/activate").json().get("status").asString())
                .isEqualTo("ACTIVE");
        Api.Response joined = api.post(bySlug + "/signups", signup(email("alice")));
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);
        Api.Response patched = admin.patch(bySlug, Map.of("pointsPerSignup", 3));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("pointsPerSignup").asInt()).isEqualTo(3);

        for (String path : List.of(
                "",
                "/stats",
                "/referrals",
                "/analytics?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
                "/winners",
                "/leaderboard")) {
            Api.Response byId = admin.get("/api/v1/contests/" + id + path);
            Api.Response byName = admin.get(bySlug + path);
            assertThat(byName.status()).as(path).isEqualTo(200);
            assertThat(withoutTimes(byName.json())).as(path).isEqualTo(withoutTimes(byId.json()));
        }
        Api.Response leaderboard = api.get(bySlug + "/leaderboard");
        assertThat(leaderboard.json().get("contestId").asLong()).isEqualTo(id);
        assertThat(leaderboard.json().get("entries").size()).isOne();
        Api.Response csv = admin.with("Accept", "text/csv").get(bySlug + "/winners");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("contest-" + id + "-winners");
        assertThat(admin.get("/api/v1/contests/" + slug.toUpperCase(java.util.Locale.ROOT))
                        .json()
                        .get("id")
                        .asLong())
                .as("slugs are lower case; a path may spell them in any case")
                .isEqualTo(id);

        assertThat(admin.post(bySlug + "/end").json().get("status").asString()).isEqualTo("ENDED");
    }

    @Test
    void anUnknownSlugIsA404Problem() {
        for (String path : List.of(
                "/api/v1/contests/no-such-contest",
                "/api/v1/contests/no-such-contest/stats",
                "/api/v1/contests/not_a_slug/leaderboard",
                "/api/v1/contests/" + "x".repeat(300))) {
            Api.Response response = admin.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        assertThat(admin.post("/api/v1/contests/no-such-contest/activate").status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/contests/no-such-contest/signups", signup(email("bob")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aSlugCannotBeAllDigitsSinceDigitsInAPathAreAnId() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("slug", "2025");

        Api.Response refused = admin.post("/api/v1/contests", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("slug");

        Map<String, Object> named = contestWithoutConfirmation();
        named.put("name", "2025");
        Api.Response created = admin.post("/api/v1/contests", named);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("slug").asString()).startsWith("contest-2025");

        long id = created.json().get("id").asLong();
        Api.Response patched = admin.patch("/api/v1/contests/" + id, Map.of("slug", "12345"));
        assertThat(patched.status()).isEqualTo(400);
    }

    /** The same contest read twice: only the leaderboard's clock may differ. */
    private static JsonNode withoutTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("generatedAt");
            return copy;
        }
        return node;
    }
}
