package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Cached reads say whether the cache answered ({@code X-Cache: HIT}) or the answer was computed
 * for them ({@code MISS}), on a 304 too. The Redis outage test shows the participant's MISS.
 */
class CacheHeaderTest extends HttpTest {

    @Test
    void aNewBoardIsAMissAndTheSameBoardSentAgainIsAHit() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")));
        String path = "/api/v1/contests/" + contest + "/leaderboard?limit=7";

        Api.Response first = api.get(path);

        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        // reused for the board's cache-ttl (250 ms): on a slow machine a read may come after it
        await().atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(api.get(path).header("X-Cache")).isEqualTo("HIT"));
        Api.Response notModified =
                api.with("If-None-Match", first.header("ETag")).get(path);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("X-Cache")).isIn("HIT", "MISS");
    }

    @Test
    void aParticipantsRankComesFromTheLeaderboardCacheOnceItHoldsThem() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        String code = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json()
                .get("referralCode")
                .asString();
        String path = "/api/v1/participants/" + code;

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get(path).header("X-Cache")).isEqualTo("HIT"));
        Api.Response notModified =
                api.with("If-None-Match", api.get(path).header("ETag")).get(path);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("X-Cache")).isEqualTo("HIT");
    }

    @Test
    void uncachedReadsSayNothing() {
        long contest = activeContest(admin, contestWithoutConfirmation());

        assertThat(admin.get("/api/v1/contests/" + contest).header("X-Cache")).isNull();
        assertThat(admin.get("/api/v1/contests/" + contest + "/stats").header("X-Cache"))
                .isNull();
    }
}
