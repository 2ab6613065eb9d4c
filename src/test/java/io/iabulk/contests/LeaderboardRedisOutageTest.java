package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contests.internal.Leaderboards;
import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import io.iabulk.support.RedisServer;
import io.iabulk.support.ServicesExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis is an accelerator, not the truth: while it is down the leaderboard answers from SQL, and
 * when it is back the sorted set is rebuilt from the database.
 */
@IntegrationTest
class LeaderboardRedisOutageTest {

    static final RedisServer REDIS = new RedisServer().start();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
        registry.add("iabulk.contests.leaderboard.retry-redis-after", () -> "200ms");
        // every read goes to the store (or its fallback), not to a board computed moments ago
        registry.add("iabulk.contests.leaderboard.cache-ttl", () -> "0ms");
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Leaderboards leaderboards;

    @Test
    void readsFallBackToSqlDuringAnOutageAndTheSortedSetIsRebuiltAfterwards() {
        Api api = Api.at(port);
        long contest = activeContest(api.admin(), contestWithoutConfirmation());
        JsonNode alice = join(api, contest, "alice", null, 1);
        JsonNode bob = join(api, contest, "bob", null, 2);
        join(api, contest, "carol", code(alice), 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> leaderboards.servedByStore(contest));
        assertThat(topIds(api, contest)).startsWith(id(alice), id(bob));

        REDIS.kill();
        join(api, contest, "dave", code(bob), 4);
        join(api, contest, "erin", code(bob), 5);

        // answered from SQL, and already showing the credits made during the outage
        JsonNode board =
                api.get("/api/v1/contests/" + contest + "/leaderboard?limit=10").json();
        assertThat(leaderboards.servedByStore(contest)).isFalse();
        assertThat(board.get("entries").get(0).get("participantId").asLong()).isEqualTo(id(bob));
        assertThat(board.get("entries").get(0).get("referrals").asInt()).isEqualTo(2);
        assertThat(board.get("entries").get(1).get("participantId").asLong()).isEqualTo(id(alice));
        assertThat(board.get("entries").size()).isEqualTo(5);
        Api.Response bobDuringOutage = api.get("/api/v1/participants/" + code(bob));
        assertThat(bobDuringOutage.json().get("rank").asLong()).isEqualTo(1);
        assertThat(bobDuringOutage.header("X-Cache")).as("ranked in SQL").isEqualTo("MISS");

        REDIS.start(); // empty: it kept nothing
        await().atMost(Duration.ofSeconds(15)).until(() -> leaderboards.servedByStore(contest));

        List<Long> inRedis = sortedSetIds(contest);
        assertThat(inRedis).hasSize(5).startsWith(id(bob), id(alice));
        assertThat(topIds(api, contest)).isEqualTo(inRedis);
        Api.Response aliceAfterwards = api.get("/api/v1/participants/" + code(alice));
        assertThat(aliceAfterwards.json().get("rank").asLong()).isEqualTo(2);
        assertThat(aliceAfterwards.header("X-Cache")).as("ranked by Redis").isEqualTo("HIT");
    }

    private static JsonNode join(Api api, long contest, String who, String code, int network) {
        Api.Response r = api.with("X-Forwarded-For", "10.77." + network + ".1")
                .post(
                        "/api/v1/contests/" + contest + "/signups",
                        code == null ? signup(email(who)) : signup(email(who), code));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static List<Long> topIds(Api api, long contest) {
        JsonNode entries = api.get("/api/v1/contests/" + contest + "/leaderboard?limit=10")
                .json()
                .get("entries");
        return entries.valueStream().map(e -> e.get("participantId").asLong()).toList();
    }

    /** Reads the sorted set straight from Redis: member = 8 bytes signup millis + 8 bytes id. */
    private static List<Long> sortedSetIds(long contest) {
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<byte[], byte[]> connection =
                client.connect(new io.lettuce.core.codec.ByteArrayCodec())) {
            byte[] key = ("iabulk-it:" + ServicesExtension.SCHEMA + ":lb:" + contest).getBytes(StandardCharsets.UTF_8);
            return connection.sync().zrange(key, 0, -1).stream()
                    .map(member -> ByteBuffer.wrap(member, 8, 8).getLong())
                    .toList();
        } finally {
            client.shutdown();
        }
    }

    private static String code(JsonNode signup) {
        return signup.get("referralCode").asString();
    }

    private static long id(JsonNode signup) {
        return signup.get("participantId").asLong();
    }
}
