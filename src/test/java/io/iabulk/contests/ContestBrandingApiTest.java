package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The experience fields of a contest through the API: set, read flat, patched, cleared, refused. */
class ContestExperienceApiTest extends HttpTest {

    @Test
    void brandingIsCreatedReadPatchedAndCleared() {
        Map<String, Object> body = contest();
        body.put("description", "**Win** a year of coffee.\n\n<script>alert(1)</script>");
        body.put("prize", "A year of coffee");
        body.put("imageUrl", "https://cdn.example.com/prize.png");
        body.put("logoUrl", "https://cdn.example.com/logo.svg");
        body.put("accentColor", "#AA3300");
        body.put("terms", "One entry per person.");
        body.put("showLeaderboard", true);
        Api.Response created = admin.post("/api/v1/contests", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode contest = created.json();
        assertThat(contest.get("description").asString()).startsWith("**Win**");
        assertThat(contest.get("prize").asString()).isEqualTo("A year of coffee");
        assertThat(contest.get("imageUrl").asString()).isEqualTo("https://cdn.example.com/prize.png");
        assertThat(contest.get("accentColor").asString()).isEqualTo("#AA3300");
        assertThat(contest.get("showLeaderboard").asBoolean()).isTrue();
        assertThat(contest.has("experience"))
                .as("the fields are flat, as they are sent")
                .isFalse();
        long id = contest.get("id").asLong();

        Map<String, Object> patch = new HashMap<>();
        patch.put("prize", "Two years of coffee");
        patch.put("imageUrl", null);
        patch.put("showLeaderboard", false);
        Api.Response patched = admin.patch("/api/v1/contests/" + id, patch);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode after = admin.get("/api/v1/contests/" + id).json();
        assertThat(after.get("prize").asString()).isEqualTo("Two years of coffee");
        assertThat(after.get("imageUrl").isNull()).isTrue();
        assertThat(after.get("logoUrl").asString()).as("left out: kept").isEqualTo("https://cdn.example.com/logo.svg");
        assertThat(after.get("showLeaderboard").asBoolean()).isFalse();
        assertThat(after.get("terms").asString()).isEqualTo("One entry per person.");
    }

    @Test
    void refusesUnsafeOrMalformedBranding() {
        assertInvalid(create("imageUrl", "http://cdn.example.com/prize.png"), "imageUrl");
        assertInvalid(create("imageUrl", "javascript:alert(1)"), "imageUrl");
        assertInvalid(create("logoUrl", "https://user:pw@example.com/logo.png"), "logoUrl");
        assertInvalid(create("logoUrl", "https://example.com/" + "a".repeat(2_000)), "logoUrl");
        assertInvalid(create("accentColor", "red"), "accentColor");
        assertInvalid(create("accentColor", "#12345g"), "accentColor");
        assertInvalid(create("accentColor", "#123456;background:url(x)"), "accentColor");
        assertInvalid(create("prize", "two\nlines"), "prize");
        assertInvalid(create("description", "nul \u0000 inside"), "description");
        assertInvalid(create("description", "x".repeat(10_001)), "description");
        assertInvalid(create("terms", "y".repeat(20_001)), "terms");

        long id = admin.post("/api/v1/contests", contest()).json().get("id").asLong();
        assertInvalid(admin.patch("/api/v1/contests/" + id, Map.of("accentColor", 12)), "accentColor");
        assertInvalid(admin.patch("/api/v1/contests/" + id, Map.of("imageUrl", "ftp://example.com/a.png")), "imageUrl");
        Map<String, Object> nullFlag = new HashMap<>();
        nullFlag.put("showLeaderboard", null);
        assertInvalid(admin.patch("/api/v1/contests/" + id, nullFlag), "showLeaderboard");
    }

    private Api.Response create(String field, Object value) {
        Map<String, Object> body = contest();
        body.put(field, value);
        return admin.post("/api/v1/contests", body);
    }
}
