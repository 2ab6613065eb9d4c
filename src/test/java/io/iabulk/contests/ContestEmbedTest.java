package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Embedding a contest: the script widget's cross-origin calls allowed from the contest's
 * allowedOrigins only (preflight and actual request, no cookies), and the frames those origins may
 * draw the pages in.
 */
class ContestEmbedTest extends HttpTest {

    private static final String SHOP = "https://shop.example.com";
    private static final String EVIL = "https://evil.example.net";

    @Test
    void theWidgetIsAllowedFromTheContestsOriginsOnly() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("allowedOrigins", List.of("https://Shop.Example.com/"));
        long id = activeContest(admin, body);
        assertThat(admin.get("/api/v1/contests/" + id)
                        .json()
                        .get("allowedOrigins")
                        .get(0)
                        .asString())
                .as("stored as the browser sends it")
                .isEqualTo(SHOP);
        String signups = "/api/v1/contests/" + id + "/signups";

        Api.Response preflight = preflight(SHOP, signups);
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();

        Api.Response refusedPreflight = preflight(EVIL, signups);
        assertThat(refusedPreflight.status()).isEqualTo(403);
        assertThat(refusedPreflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refusedPreflight.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refusedPreflight.json().get("type").asString()).isEqualTo("urn:iabulk:problem:cors-refused");
        assertThat(refusedPreflight.json().get("detail").asString()).contains("allowedOrigins");

        Api.Response fromEvil = signUp(EVIL, signups, email("evil"));
        assertThat(fromEvil.status()).isEqualTo(403);
        assertThat(fromEvil.header("Access-Control-Allow-Origin")).isNull();
        assertThat(fromEvil.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fromEvil.json().get("status").asInt()).isEqualTo(403);

        Api.Response fromShop = signUp(SHOP, signups, email("shopper"));
        assertThat(fromShop.status()).as(fromShop.body()).isEqualTo(201);
        assertThat(fromShop.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);

        assertThat(admin.get("/api/v1/contests/" + id + "/stats")
                        .json()
                        .get("totalParticipants")
                        .asLong())
                .as("the refused origin signed nobody up")
                .isEqualTo(1);

        Api.Response widget = api.with("Origin", SHOP).get("/api/v1/contests/" + id + "/widget");
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(widget.json().get("open").asBoolean()).isTrue();
        assertThat(widget.json().get("signupsUrl").asString()).isEqualTo(signups);
        assertThat(api.with("Origin", EVIL)
                        .get("/api/v1/contests/" + id + "/widget")
                        .header("Access-Control-Allow-Origin"))
                .isNull();
    }

    @Test
    void aContestWithoutAllowedOriginsGivesNoCorsHeadersAndMayBeFramedAnywhere() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();

        Api.Response preflight = preflight(SHOP, "/api/v1/contests/" + slug + "/signups");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Api.Response widget = api.with("Origin", SHOP).get("/api/v1/contests/" + slug + "/widget");
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.header("Access-Control-Allow-Origin")).isNull();
        assertThat(api.get("/c/" + slug).header("Content-Security-Policy")).contains("frame-ancestors *");
    }

    @Test
    void allowedOriginsNarrowWhoMayFrameTheSignupAndStatusPages() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("allowedOrigins", List.of(SHOP, "http://localhost:3000"));
        long id = activeContest(admin, body);
        String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();
        String code = admin.post("/api/v1/contests/" + id + "/signups", Map.of("email", email("framed")))
                .json()
                .get("referralCode")
                .asString();

        for (String path : new String[] {"/c/" + slug, "/p/" + code}) {
            String policy = api.get(path).header("Content-Security-Policy");
            assertThat(policy)
                    .as(path)
                    .contains("frame-ancestors 'self' " + SHOP + " http://localhost:3000")
                    .doesNotContain("frame-ancestors *");
        }
    }

    @Test
    void refusesOriginsThatAreNotOrigins() {
        for (String bad : new String[] {
            "https://shop.example.com/path",
            "http://shop.example.com",
            "ftp://example.com",
            "javascript:alert(1)",
            "https://shop.example.com;frame-ancestors *",
            "https://exa mple.com",
            "*"
        }) {
            Map<String, Object> body = contestWithoutConfirmation();
            body.put("allowedOrigins", List.of(SHOP, bad));
            assertInvalid(admin.post("/api/v1/contests", body), "allowedOrigins[1]");
        }
        long id = admin.post("/api/v1/contests", contestWithoutConfirmation())
                .json()
                .get("id")
                .asLong();
        assertInvalid(
                admin.patch("/api/v1/contests/" + id, Map.of("allowedOrigins", "https://a.example")), "allowedOrigins");
        assertThat(admin.patch("/api/v1/contests/" + id, Map.of("allowedOrigins", List.of(SHOP)))
                        .status())
                .isEqualTo(200);
    }

    private Api.Response preflight(String origin, String path) {
        return api.with("Origin", origin)
                .with("Access-Control-Request-Method", "POST")
                .with("Access-Control-Request-Headers", "content-type")
                .send("OPTIONS", path, null, new byte[0]);
    }

    private Api.Response signUp(String origin, String path, String address) {
        return api.with("Origin", origin)
                .send(
                        "POST",
                        path,
                        "application/json",
                        ("{\"email\":\"" + address + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
