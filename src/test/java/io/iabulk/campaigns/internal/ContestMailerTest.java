package io.iabulk.campaigns.internal;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contests.MilestoneReached;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contest emails: the milestone email through the queue, once per participant and milestone,
 * even under concurrent credits and when its event is delivered twice, none for a suppressed
 * address; the welcome email once confirmed, when the contest asks for it.
 */
class ContestMailerTest extends HttpTest {

    @Autowired
    ContestMailer mailer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachMilestoneIsMailedOnceUnderConcurrentCredits() throws Exception {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put(
                "milestones",
                List.of(
                        Map.of("referrals", 1, "reward", "Sticker pack"),
                        Map.of("referrals", 5, "reward", "Mug"),
                        Map.of("referrals", 12, "reward", "Hoodie")));
        long id = activeContest(admin, body);
        String aliceEmail = email("alice");
        String alice = signUp(id, aliceEmail, null);

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> friends = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String friend = email("friend" + i);
                friends.add(pool.submit(() -> signUp(id, friend, alice)));
            }
            for (Future<String> friend : friends) {
                friend.get();
            }
        }

        List<MimeMessage> mails = TestMail.awaitFor(aliceEmail, 3, Duration.ofSeconds(20));
        List<String> subjects = new ArrayList<>();
        for (MimeMessage mail : mails) {
            subjects.add(mail.getSubject());
        }
        assertThat(subjects)
                .containsExactlyInAnyOrder(
                        "You unlocked Sticker pack in " + name(id),
                        "You unlocked Mug in " + name(id),
                        "You unlocked Hoodie in " + name(id));
        String text = TestMail.textOf(mails.getFirst());
        assertThat(text).contains("/p/" + alice).contains("?ref=" + alice);

        // the event of the first milestone delivered again (a crash before it was marked done)
        long participant = admin.get("/api/v1/participants/" + alice)
                .json()
                .get("participantId")
                .asLong();
        mailer.on(new MilestoneReached(id, participant, 1, "Sticker pack"));
        Thread.sleep(1_500);
        assertThat(TestMail.awaitFor(aliceEmail, 3, Duration.ofSeconds(2))).hasSize(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contest_mails WHERE participant_id = :p")
                        .param("p", participant)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aSuppressedParticipantGetsNoMilestoneMail() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("milestones", List.of(Map.of("referrals", 1, "reward", "Sticker pack")));
        long id = activeContest(admin, body);
        String aliceEmail = email("quiet");
        String alice = signUp(id, aliceEmail, null);
        long contact = jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :c")
                .param("c", alice)
                .query(Long.class)
                .single();
        assertThat(admin.patch("/api/v1/contacts/" + contact, Map.of("status", "UNSUBSCRIBED"))
                        .status())
                .isEqualTo(200);

        signUp(id, email("friend"), alice);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("""
                                SELECT s.status FROM contest_mails m JOIN email_sends s ON s.id = m.send_id
                                WHERE m.participant_id = (SELECT id FROM contest_participants WHERE referral_code = :c)
                                """)
                        .param("c", alice)
                        .query(String.class)
                        .optional()
                        .isPresent());
        assertThat(jdbc.sql("""
                        SELECT s.status FROM contest_mails m JOIN email_sends s ON s.id = m.send_id
                        WHERE m.participant_id = (SELECT id FROM contest_participants WHERE referral_code = :c)
                        """).param("c", alice).query(String.class).single()).isEqualTo("SUPPRESSED");
        assertThat(TestMail.awaitFor(aliceEmail, 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void theWelcomeEmailGoesOutOnceConfirmedWhenTheContestAsksForIt() {
        Map<String, Object> withWelcome = io.iabulk.support.ContestTestData.contest();
        withWelcome.put("welcomeEmail", true);
        long id = activeContest(admin, withWelcome);
        String address = email("welcomed");
        String code = signUp(id, address, null);
        assertThat(TestMail.awaitFor(address, 1, Duration.ofSeconds(10)))
                .as("only the confirmation before confirming")
                .hasSize(1);

        String token = TestMail.confirmationToken(address);
        assertThat(api.postForm("/confirm/" + token, Map.of()).status()).isEqualTo(200);
        List<MimeMessage> mails = TestMail.awaitFor(address, 2, Duration.ofSeconds(20));
        assertThat(mails).hasSize(2);
        assertThat(subjectOf(mails.get(1))).isEqualTo("Welcome to " + name(id) + ": here is your link");
        assertThat(TestMail.textOf(mails.get(1))).contains("?ref=" + code).contains("/p/" + code);

        long without = activeContest(admin, contestWithoutConfirmation());
        String quiet = email("unwelcomed");
        signUp(without, quiet, null);
        long withoutConfirmation = activeContest(admin, withWelcomeNoConfirmation());
        String instant = email("instant");
        signUp(withoutConfirmation, instant, null);
        assertThat(TestMail.awaitFor(instant, 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(TestMail.awaitFor(quiet, 1, Duration.ofSeconds(2)))
                .as("no welcome asked")
                .isEmpty();
    }

    private static Map<String, Object> withWelcomeNoConfirmation() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("welcomeEmail", true);
        return body;
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String name(long contest) {
        return admin.get("/api/v1/contests/" + contest).json().get("name").asString();
    }

    private String signUp(long contest, String address, String ref) {
        Map<String, Object> request =
                ref == null ? Map.of("email", address) : Map.of("email", address, "referralCode", ref);
        Api.Response created = api.post("/api/v1/contests/" + contest + "/signups", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("referralCode").asString();
    }
}
