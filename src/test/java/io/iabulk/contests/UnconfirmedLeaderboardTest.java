package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Only confirmed participants have a place: an unconfirmed signup is on no public leaderboard and
 * has rank 0, and takes its place (with what it earned meanwhile) when it confirms.
 */
class UnconfirmedLeaderboardTest extends HttpTest {

    @Autowired
    ContestService contests;

    @Test
    void anUnconfirmedSignupHasNoPlaceUntilItConfirms() {
        long id = activeContest(admin, contest());
        String aliceEmail = email("alice");
        String alice = signUp(id, aliceEmail);
        String bob = signUp(id, email("bob"));

        assertThat(board(id)).as("nobody has confirmed").isEmpty();
        assertThat(api.get("/api/v1/participants/" + alice).json().get("rank").asLong())
                .isZero();

        assertThat(contests.confirm(TestMail.confirmationToken(aliceEmail)).outcome())
                .isEqualTo(ConfirmationResult.Outcome.CONFIRMED);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(board(id))
                        .extracting(e -> e.get("participantId").asLong())
                        .containsExactly(participantId(alice)));
        assertThat(api.get("/api/v1/participants/" + alice).json().get("rank").asLong())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/participants/" + bob).json().get("rank").asLong())
                .as("still unconfirmed")
                .isZero();
        assertThat(api.get("/p/" + bob).body()).contains("None yet");
    }

    private List<JsonNode> board(long contest) {
        JsonNode entries = api.get("/api/v1/contests/" + contest + "/leaderboard?limit=100")
                .json()
                .get("entries");
        return entries.valueStream().toList();
    }

    private long participantId(String code) {
        return api.get("/api/v1/participants/" + code)
                .json()
                .get("participantId")
                .asLong();
    }

    private String signUp(long contest, String address) {
        Api.Response created = api.post("/api/v1/contests/" + contest + "/signups", Map.of("email", address));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("referralCode").asString();
    }
}
