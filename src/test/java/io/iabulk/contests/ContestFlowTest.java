package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole contest flow on PostgreSQL and Redis, over HTTP: signup, the confirmation email read
 * from a real SMTP server, the link followed, the referral credited, the leaderboard and the ranks.
 */
class ContestFlowTest extends HttpTest {

    @Test
    void aConfirmedRefereeCountsForTheReferrerOnTheLeaderboardAndInTheRanks() throws Exception {
        long contest = activeContest(admin, contest());
        String aliceEmail = email("Alice");
        JsonNode alice = join(contest, aliceEmail, null, "10.61.0.1");
        follow(link(aliceEmail));
        String bobEmail = email("bob");
        JsonNode bob = join(contest, bobEmail, alice.get("referralCode").asString(), "10.61.1.1");

        // nothing counts before bob confirms
        JsonNode before = participant(alice);
        assertThat(before.get("referrals").asInt()).isZero();
        assertThat(before.get("pendingReferrals").asInt()).isEqualTo(1);

        MimeMessage mail =
                TestMail.awaitFor(bobEmail, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(bobEmail);
        follow(link(bobEmail));

        JsonNode after = participant(alice);
        assertThat(after.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(after.get("referrals").asInt()).isEqualTo(1);
        assertThat(after.get("points").asInt()).isEqualTo(10);
        assertThat(after.get("pendingReferrals").asInt()).isZero();
        assertThat(after.get("rank").asLong()).isEqualTo(1);
        assertThat(after.get("nextMilestone").get("reward").asString()).isEqualTo("T-shirt");
        assertThat(participant(bob).get("rank").asLong()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode entries = api.get("/api/v1/contests/" + contest + "/leaderboard")
                    .json()
                    .get("entries");
            assertThat(entries.get(0).get("participantId").asLong())
                    .isEqualTo(alice.get("participantId").asLong());
            assertThat(entries.get(0).get("referrals").asInt()).isEqualTo(1);
            assertThat(entries.get(0).get("displayName").asString()).startsWith("a***@");
            assertThat(entries.get(1).get("participantId").asLong())
                    .isEqualTo(bob.get("participantId").asLong());
        });
        JsonNode stats = admin.get("/api/v1/contests/" + contest + "/stats").json();
        assertThat(stats.get("confirmedParticipants").asLong()).isEqualTo(2);
        assertThat(stats.get("totalReferrals").asLong()).isEqualTo(1);
    }

    private JsonNode join(long contest, String address, String code, String ip) {
        Map<String, Object> body =
                code == null ? Map.of("email", address) : Map.of("email", address, "referralCode", code);
        Api.Response r = api.with("X-Forwarded-For", ip).post("/api/v1/contests/" + contest + "/signups", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asString()).isEqualTo("PENDING");
        return r.json();
    }

    private JsonNode participant(JsonNode signup) {
        return api.get("/api/v1/participants/" + signup.get("referralCode").asString())
                .json();
    }

    /** The confirmation link in the text part of the email, which must start with the public URL. */
    private String link(String recipient) {
        List<MimeMessage> mails = TestMail.awaitFor(recipient, 1, Duration.ofSeconds(10));
        assertThat(mails).hasSize(1);
        Matcher m = Pattern.compile("(http://localhost:" + port + "/confirm/[A-Za-z0-9_-]+)")
                .matcher(TestMail.textOf(mails.getFirst()));
        assertThat(m.find())
                .as("link to {publicUrl}/confirm/{token} in the text part")
                .isTrue();
        return m.group(1);
    }

    /** Opens the link (a page that changes nothing) and presses its button (a POST to the same address). */
    private void follow(String link) {
        assertThat(api.get(link).status()).isEqualTo(200);
        assertThat(api.postForm(link, Map.of()).status()).isEqualTo(200);
    }
}
