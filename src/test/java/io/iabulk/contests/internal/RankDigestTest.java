package io.iabulk.contests.internal;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.RankDigestSender;
import io.iabulk.contests.RankImprovement;
import io.iabulk.contests.internal.RankDigestWorker.Outcome;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The "you moved up" digest (docs/decisions/0027), its rounds stepped through the days with {@link
 * RankDigestWorker#runAt}: the first round only takes snapshots; a participant who moved up gets one
 * digest, those who fell or stayed none; a second round the same day sends nothing; an opted-out
 * contest and an unconfirmed participant are never compared; a suppressed contact's digest is recorded,
 * never sent; a round that fails between snapshot and mail leaves both as they were, and the next one
 * sends the digest once.
 */
class RankDigestTest extends HttpTest {

    @Autowired
    RankDigestWorker worker;

    @Autowired
    RankDigestSender sender;

    @Autowired
    ContestService contests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContestsProperties properties;

    @Autowired
    JdbcContestRepository contestRows;

    @Autowired
    JdbcRankSnapshots snapshotRows;

    @Autowired
    JdbcParticipantRepository participantRows;

    @Autowired
    org.springframework.beans.factory.ObjectProvider<RankDigestSender> senders;

    @Autowired
    io.iabulk.platform.PublicUrls urls;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager tx;

    private static final java.util.concurrent.atomic.AtomicInteger NETWORK =
            new java.util.concurrent.atomic.AtomicInteger();

    private final List<Long> opened = new java.util.ArrayList<>();

    /** Ended contests are out of later rounds, so each test sees only its own. */
    @AfterEach
    void endContests() {
        opened.forEach(id -> admin.post("/api/v1/contests/" + id + "/end"));
    }

    @Test
    void aParticipantWhoMovedUpGetsOneDigestAndThoseWhoFellOrStayedNone() {
        long id = digestContest(contestWithoutConfirmation());
        String ada = email("ada");
        String bob = email("bob");
        String cyd = email("cyd");
        String dan = email("dan");
        String adaCode = signUp(id, ada, "Ada", null);
        String bobCode = signUp(id, bob, "Bob", null);
        String cydCode = signUp(id, cyd, "Cyd", null);
        String danCode = signUp(id, dan, "Dan", null);
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Outcome baseline = worker.runAt(first);
        assertThat(baseline.leased()).isTrue();
        assertThat(snapshot(cydCode)).isEqualTo(3);
        assertThat(snapshot(danCode)).isEqualTo(4);
        assertThat(digestRows(id)).as("the first round only takes snapshots").isZero();

        // Cyd brings two friends: Cyd 3 -> 1, Ada 1 -> 2, Bob 2 -> 3 (fell), Dan stays 4
        signUp(id, email("friend"), null, cydCode);
        signUp(id, email("friend"), null, cydCode);

        Instant dayLater = first.plus(Duration.ofHours(25));
        assertThat(worker.runAt(first.plus(Duration.ofHours(23))).movedUp())
                .as("not compared before a day has passed")
                .isZero();
        assertThat(snapshot(cydCode)).isEqualTo(3);
        worker.runAt(dayLater);

        assertThat(digestRows(id)).isEqualTo(1);
        assertThat(digestRowsOf(cydCode)).isEqualTo(1);
        assertThat(snapshot(cydCode)).isEqualTo(1);
        assertThat(snapshot(adaCode)).isEqualTo(2);
        assertThat(snapshot(bobCode)).isEqualTo(3);
        assertThat(snapshot(danCode)).isEqualTo(4);
        List<MimeMessage> mails = TestMail.awaitFor(cyd, 1, Duration.ofSeconds(20));
        assertThat(mails).hasSize(1);
        assertThat(subject(mails.getFirst())).isEqualTo("You moved up to #1 in " + name(id));
        assertThat(TestMail.textOf(mails.getFirst()))
                .contains("Hi Cyd,")
                .contains("from #3 to #1")
                .contains("so far: 2.")
                .contains("?ref=" + cydCode)
                .contains("/p/" + cydCode);

        // again the same day, an hour later, and a second later: nothing is due, nothing is sent
        assertThat(worker.runAt(dayLater).movedUp()).isZero();
        assertThat(worker.runAt(dayLater.plus(Duration.ofHours(1))).movedUp()).isZero();
        assertThat(digestRows(id)).isEqualTo(1);
        assertThat(TestMail.awaitFor(cyd, 2, Duration.ofSeconds(2))).hasSize(1);
        assertThat(TestMail.awaitFor(bob, 1, Duration.ofMillis(200))).isEmpty();
        assertThat(TestMail.awaitFor(dan, 1, Duration.ofMillis(200))).isEmpty();

        // the same digest handed over again (a replayed batch): the day's row is taken, nothing is queued
        long sends = digestSendsOf(cydCode);
        RankImprovement again = new RankImprovement(
                contests.participantContact(participantId(cydCode)).orElseThrow(), 3, 1);
        sender.send(contests.get(id), dayLater.plus(Duration.ofMinutes(5)), List.of(again));
        assertThat(digestSendsOf(cydCode)).isEqualTo(sends).isEqualTo(1);
    }

    @Test
    void anOptedOutContestIsNeverComparedOrMailed() {
        Api.Response created = admin.post("/api/v1/contests", contestWithoutConfirmation());
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("rankDigest").asBoolean())
                .as("off unless asked")
                .isFalse();
        assertThat(admin.post("/api/v1/contests/" + id + "/activate").status()).isEqualTo(200);
        opened.add(id);
        signUp(id, email("ada"), null, null);
        String bobCode = signUp(id, email("bob"), null, null);
        Instant first = Instant.now();

        worker.runAt(first);
        signUp(id, email("friend"), null, bobCode);
        worker.runAt(first.plus(Duration.ofHours(25)));

        assertThat(snapshots(id)).isZero();
        assertThat(digestRows(id)).isZero();
    }

    @Test
    void theFlagIsAFieldOfTheContestInTheApi() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("rankDigest", true);
        Api.Response created = admin.post("/api/v1/contests", body);
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.json().get("rankDigest").asBoolean()).isTrue();

        assertThat(admin.patch("/api/v1/contests/" + id, Map.of("rankDigest", false))
                        .json()
                        .get("rankDigest")
                        .asBoolean())
                .isFalse();
        assertThat(contests.get(id).experience().rankDigest()).isFalse();
        Map<String, Object> nulled = new java.util.HashMap<>();
        nulled.put("rankDigest", null);
        Api.Response refused = admin.patch("/api/v1/contests/" + id, nulled);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("rankDigest");
        assertThat(admin.patch("/api/v1/contests/" + id, Map.of("rankDigest", "yes"))
                        .status())
                .isEqualTo(400);
        body.put("rankDigest", "yes");
        assertThat(admin.post("/api/v1/contests", body).status()).isEqualTo(400);
    }

    @Test
    void anUnconfirmedParticipantHasNoRankAndGetsNoDigest() {
        long id = digestContest(contest());
        String xia = email("xia");
        String xiaCode = signUp(id, xia, null, null);
        confirm(xia);
        String una = email("una");
        String unaCode = signUp(id, una, null, null);
        Instant first = Instant.now();

        worker.runAt(first);
        assertThat(snapshot(xiaCode)).isEqualTo(1);
        assertThat(snapshotOf(unaCode)).isNull();

        // a friend of Una's confirms: Una would be first, were she confirmed
        String friend = email("friend");
        signUp(id, friend, null, unaCode);
        confirm(friend);
        worker.runAt(first.plus(Duration.ofHours(25)));

        assertThat(snapshotOf(unaCode)).isNull();
        assertThat(snapshot(xiaCode)).isEqualTo(1);
        assertThat(digestRows(id)).isZero();
    }

    @Test
    void aSuppressedParticipantsDigestIsRecordedNeverSent() {
        long id = digestContest(contestWithoutConfirmation());
        signUp(id, email("ada"), null, null);
        String quiet = email("quiet");
        String quietCode = signUp(id, quiet, null, null);
        Instant first = Instant.now();
        worker.runAt(first);

        signUp(id, email("friend"), null, quietCode);
        long contact = jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :c")
                .param("c", quietCode)
                .query(Long.class)
                .single();
        assertThat(admin.patch("/api/v1/contacts/" + contact, Map.of("status", "UNSUBSCRIBED"))
                        .status())
                .isEqualTo(200);
        worker.runAt(first.plus(Duration.ofHours(25)));

        assertThat(jdbc.sql("""
                        SELECT s.status FROM contest_mails m JOIN email_sends s ON s.id = m.send_id
                        WHERE m.kind = 'RANK_DIGEST'
                          AND m.participant_id = (SELECT id FROM contest_participants WHERE referral_code = :c)
                        """).param("c", quietCode).query(String.class).single())
                .isEqualTo("SUPPRESSED");
        assertThat(TestMail.awaitFor(quiet, 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aRoundThatFailsBeforeMailingKeepsTheSnapshotAndTheNextOneMailsOnce() {
        long id = digestContest(contestWithoutConfirmation());
        signUp(id, email("ada"), null, null);
        String bob = email("bob");
        String bobCode = signUp(id, bob, "Bob", null);
        Instant first = Instant.now();
        worker.runAt(first);
        signUp(id, email("friend"), null, bobCode);

        // no message can be queued: the batch fails after its snapshots and mail rows were written
        // (a constraint no new row meets; NOT VALID leaves the rows already there alone)
        jdbc.sql("ALTER TABLE email_sends ADD CONSTRAINT rank_digest_test_failure CHECK (id < 0) NOT VALID")
                .update();
        Instant later = first.plus(Duration.ofHours(25));
        try {
            Outcome failed = worker.runAt(later);
            assertThat(failed.movedUp()).isZero();
        } finally {
            jdbc.sql("ALTER TABLE email_sends DROP CONSTRAINT rank_digest_test_failure")
                    .update();
        }
        assertThat(snapshot(bobCode)).as("rolled back with the mail").isEqualTo(2);
        assertThat(digestRows(id)).isZero();

        worker.runAt(later.plus(Duration.ofHours(1)));
        assertThat(digestRowsOf(bobCode)).isEqualTo(1);
        assertThat(snapshot(bobCode)).isEqualTo(1);
        List<MimeMessage> mails = TestMail.awaitFor(bob, 1, Duration.ofSeconds(20));
        assertThat(mails).hasSize(1);
        assertThat(TestMail.textOf(mails.getFirst())).contains("from #2 to #1");
        worker.runAt(later.plus(Duration.ofHours(2)));
        assertThat(TestMail.awaitFor(bob, 2, Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void twoInstancesRunningRoundsAtOnceQueueEachDigestOnce() throws Exception {
        long id = digestContest(contestWithoutConfirmation());
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            codes.add(signUp(id, email("p" + i), null, null));
        }
        Instant first = Instant.now();
        worker.runAt(first);
        // the last 20 climb above the first 20 (a referral each, written as crediting would)
        jdbc.sql("""
                        UPDATE contest_participants SET referrals = referrals + 1, points = points + 10
                        WHERE referral_code IN (:codes)
                        """).param("codes", codes.subList(20, 40)).update();

        // two instances the lease does not keep apart (as after a pause longer than the lease), in batches of
        // 3: both compare, snapshot and mail the same participants at once
        ContestsProperties small = new ContestsProperties(
                properties.confirmation(),
                properties.fraud(),
                properties.leaderboard(),
                new ContestsProperties.RankDigest(
                        false, Duration.ofHours(1), Duration.ofDays(1), 3, Duration.ofMinutes(10)));
        List<RankDigestWorker> instances = List.of(instance(small), instance(small));
        Instant later = first.plus(Duration.ofHours(25));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<Outcome> outcomes;
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            List<java.util.concurrent.Future<Outcome>> runs = new java.util.ArrayList<>();
            for (RankDigestWorker instance : instances) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return instance.runAt(later);
                }));
            }
            outcomes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Outcome> run : runs) {
                outcomes.add(run.get());
            }
        }

        assertThat(outcomes).allMatch(Outcome::leased);
        assertThat(outcomes.stream().mapToLong(Outcome::compared).sum())
                .as("each snapshot advanced by one of them")
                .isEqualTo(40);
        assertThat(outcomes.stream().mapToLong(Outcome::movedUp).sum()).isEqualTo(20);
        assertThat(digestRows(id)).isEqualTo(20);
        for (String code : codes.subList(20, 40)) {
            assertThat(digestSendsOf(code)).as(code).isEqualTo(1);
        }
        for (String code : codes.subList(0, 20)) {
            assertThat(digestSendsOf(code)).as(code).isZero();
        }
    }

    @Test
    void anInstanceLeavesTheRoundsToTheOneHoldingTheLease() {
        Instant now = Instant.now();
        assertThat(snapshotRows.lease("another instance", now.plus(Duration.ofMinutes(10)), now))
                .isTrue();
        try {
            assertThat(worker.runAt(now).leased()).isFalse();
        } finally {
            snapshotRows.release("another instance");
        }
        assertThat(worker.runAt(now).leased()).isTrue();
    }

    private RankDigestWorker instance(ContestsProperties settings) {
        return new RankDigestWorker(
                contestRows,
                snapshotRows,
                participantRows,
                senders,
                settings,
                urls,
                java.time.Clock.systemUTC(),
                tx,
                "one holder for both");
    }

    private long digestContest(Map<String, Object> body) {
        body.put("rankDigest", true);
        body.put("milestones", List.of()); // the only emails after the confirmation are digests
        long id = activeContest(admin, body);
        opened.add(id);
        return id;
    }

    private String signUp(long contest, String address, String firstName, String ref) {
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("email", address);
        request.put("firstName", firstName);
        request.put("referralCode", ref);
        // each from a network of its own, so no signup-velocity rule flags the referrals
        int n = NETWORK.incrementAndGet();
        Api.Response created = api.with("X-Forwarded-For", "10.77." + (n / 250 % 250) + "." + (n % 250 + 1))
                .post("/api/v1/contests/" + contest + "/signups", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("referralCode").asString();
    }

    private void confirm(String address) {
        String token = TestMail.confirmationToken(address);
        assertThat(api.postForm("/confirm/" + token, Map.of()).status()).isEqualTo(200);
    }

    private long participantId(String code) {
        return jdbc.sql("SELECT id FROM contest_participants WHERE referral_code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private Long snapshotOf(String code) {
        return jdbc.sql("SELECT rank FROM participant_rank_snapshots WHERE participant_id = :p")
                .param("p", participantId(code))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private long snapshot(String code) {
        Long rank = snapshotOf(code);
        assertThat(rank).as("a snapshot of " + code).isNotNull();
        return rank;
    }

    private long snapshots(long contest) {
        return jdbc.sql("SELECT count(*) FROM participant_rank_snapshots WHERE contest_id = :c")
                .param("c", contest)
                .query(Long.class)
                .single();
    }

    private long digestRows(long contest) {
        return jdbc.sql("""
                        SELECT count(*) FROM contest_mails m JOIN contest_participants p ON p.id = m.participant_id
                        WHERE m.kind = 'RANK_DIGEST' AND p.contest_id = :c
                        """).param("c", contest).query(Long.class).single();
    }

    private long digestRowsOf(String code) {
        return jdbc.sql("SELECT count(*) FROM contest_mails WHERE kind = 'RANK_DIGEST' AND participant_id = :p")
                .param("p", participantId(code))
                .query(Long.class)
                .single();
    }

    private long digestSendsOf(String code) {
        return jdbc.sql("""
                        SELECT count(*) FROM email_sends s JOIN templates t ON t.id = s.template_id
                        WHERE t.system_key = 'contest-rank-digest'
                          AND s.contact_id = (SELECT contact_id FROM contest_participants WHERE referral_code = :c)
                        """).param("c", code).query(Long.class).single();
    }

    private String name(long contest) {
        return admin.get("/api/v1/contests/" + contest).json().get("name").asString();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
