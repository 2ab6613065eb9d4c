package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Counters under contention: concurrent credits of one referrer must add up exactly. */
class ConcurrentConfirmationsTest extends HttpTest {

    @Autowired
    ContestService contests;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyConcurrentConfirmationsOfOneReferrersRefereesCountExactlyFifty() throws Exception {
        long contest = activeContest(admin, contest());
        String aliceEmail = email("alice");
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(aliceEmail))
                .json();
        // confirmed, so that she has a place on the leaderboard (unconfirmed participants have none)
        assertThat(contests.confirm(TestMail.confirmationToken(aliceEmail)).outcome())
                .isEqualTo(ConfirmationResult.Outcome.CONFIRMED);
        String code = alice.get("referralCode").asString();
        long aliceId = alice.get("participantId").asLong();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String referee = email("referee" + i);
            // one network per referee, as fifty different households would be
            Api.Response joined = api.with("X-Forwarded-For", "10.50." + i + ".1")
                    .post("/api/v1/contests/" + contest + "/signups", signup(referee, code));
            assertThat(joined.status()).isEqualTo(201);
            tokens.add(TestMail.confirmationToken(referee));
        }

        List<ConfirmationResult.Outcome> outcomes = runTogether(tokens.stream()
                .map(token -> (Callable<ConfirmationResult.Outcome>)
                        () -> contests.confirm(token).outcome())
                .toList());

        assertThat(outcomes).hasSize(50).containsOnly(ConfirmationResult.Outcome.CONFIRMED);
        ParticipantView view = contests.participant(code);
        assertThat(view.referrals()).isEqualTo(50);
        assertThat(view.points()).isEqualTo(500);
        assertThat(view.pendingReferrals()).isZero();
        assertThat(count("SELECT count(*) FROM points_ledger WHERE participant_id = :id", aliceId))
                .isEqualTo(50);
        assertThat(count("SELECT count(*) FROM referrals WHERE referrer_id = :id AND status = 'CREDITED'", aliceId))
                .isEqualTo(50);
        assertThat(count("SELECT count(*) FROM milestone_awards WHERE participant_id = :id", aliceId))
                .isEqualTo(2);
        assertThat(contests.stats(contest).totalReferrals()).isEqualTo(50);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            LeaderboardEntry first = contests.leaderboard(contest, 1).entries().getFirst();
            assertThat(first.participantId()).isEqualTo(aliceId);
            assertThat(first.referrals()).isEqualTo(50);
        });
    }

    @Test
    void oneLinkFollowedTenTimesAtOnceConfirmsAndCreditsOnce() throws Exception {
        long contest = activeContest(admin, contest());
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json();
        String bob = email("bob");
        api.post(
                "/api/v1/contests/" + contest + "/signups",
                signup(bob, alice.get("referralCode").asString()));
        String token = TestMail.confirmationToken(bob);

        List<ConfirmationResult.Outcome> outcomes =
                runTogether(java.util.Collections.nCopies(10, (Callable<ConfirmationResult.Outcome>)
                        () -> contests.confirm(token).outcome()));

        assertThat(outcomes)
                .filteredOn(o -> o == ConfirmationResult.Outcome.CONFIRMED)
                .hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o == ConfirmationResult.Outcome.ALREADY_CONFIRMED)
                .hasSize(9);
        assertThat(contests.participant(alice.get("referralCode").asString()).referrals())
                .isEqualTo(1);
    }

    private long count(String sql, long id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    /** Starts all tasks at the same moment and returns their results. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
