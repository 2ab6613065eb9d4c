package io.iabulk.platform;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Public endpoints are limited per client IP (in Redis here); admin endpoints are not. */
@IntegrationTest
@TestPropertySource(
        properties = {
            "iabulk.platform.rate-limit.endpoints.leaderboard=5",
            "iabulk.platform.rate-limit.endpoints.tracking=5"
        })
class RateLimitTest {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.redis.core.StringRedisTemplate redis;

    @Test
    void aClientOverItsLimitGets429WithRetryAfterWhileOthersPass() {
        long contest = activeContest(Api.at(port).admin(), contestWithoutConfirmation());
        Api greedy = Api.at(port).with("X-Forwarded-For", "192.0.2.10");
        String path = "/api/v1/contests/" + contest + "/leaderboard";

        List<Integer> statuses = new ArrayList<>();
        Api.Response limited = null;
        for (int i = 0; i < 12; i++) {
            Api.Response r = greedy.get(path);
            statuses.add(r.status());
            if (r.status() == 429) {
                limited = r;
            }
        }

        assertThat(statuses).contains(200).contains(429);
        assertThat(limited.header("Retry-After")).matches("[1-9]\\d*");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.at(port).with("X-Forwarded-For", "192.0.2.11").get(path).status())
                .isEqualTo(200);
        for (int i = 0; i < 12; i++) {
            assertThat(Api.at(port).admin().get("/api/v1/contests/" + contest).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theTrackingServletKeepsItsGroupsLimit() {
        // served by a plain servlet outside Spring MVC, which takes the limit itself
        Api scanner = Api.at(port).with("X-Forwarded-For", "192.0.2.20");
        List<Integer> statuses = new ArrayList<>();
        Api.Response limited = null;
        for (int i = 0; i < 12; i++) {
            Api.Response r = scanner.get(i % 2 == 0 ? "/t/o/AAAA" : "/t/c/AAAA");
            statuses.add(r.status());
            if (r.status() == 429) {
                limited = r;
            }
        }

        assertThat(statuses)
                .as("an unknown token is a 404 until the budget is spent")
                .contains(404)
                .contains(429);
        assertThat(limited.header("Retry-After")).matches("[1-9]\\d*");
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("urn:iabulk:problem:rate-limited");
        assertThat(Api.at(port)
                        .with("X-Forwarded-For", "192.0.2.21")
                        .get("/t/o/AAAA")
                        .status())
                .isEqualTo(404);
    }
}
