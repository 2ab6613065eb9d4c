package io.iabulk.webhooks;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.ReferralCredited;
import io.iabulk.contests.SignupRequest;
import io.iabulk.contests.SignupResult;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import io.iabulk.webhooks.WebhookReceiver.Received;
import io.iabulk.webhooks.WebhookReceiver.Reply;
import io.iabulk.webhooks.internal.JdbcWebhookDeliveries;
import io.iabulk.webhooks.internal.JdbcWebhookDeliveries.Claimed;
import io.iabulk.webhooks.internal.Signatures;
import io.iabulk.webhooks.internal.WebhookWorker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deliveries to a real HTTP receiver in the test JVM: signed so the receiver can verify them,
 * retried after a 500 and after a timeout with the same event id, in order per subject (also with
 * two workers at once), not lost when a worker dies mid-retry, and a webhook failing for the
 * configured time disabled. Events come from the modules' real flows (signups, referrals,
 * unsubscribes) or are published as the contests module publishes them.
 */
class WebhookDeliveryTest extends HttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "test-secret-" + "0123456789abcdef";
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Autowired
    WebhookWorker worker;

    @Autowired
    WebhooksProperties properties;

    @Autowired
    JdbcWebhookDeliveries deliveries;

    @Autowired
    MutableClock clock;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContestService contests;

    private WebhookReceiver receiver;

    @BeforeEach
    void receiver() throws Exception {
        jdbc.sql("DELETE FROM webhooks").update();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void cleanUp() {
        receiver.close();
        clock.reset();
        jdbc.sql("DELETE FROM webhooks").update();
    }

    @Test
    void aDeliveryIsSignedSoTheReceiverCanVerifyIt() {
        long hook = create(List.of("referral.credited"));
        ReferralCredited credit = credit(IDS.incrementAndGet(), 1);
        publish(credit);
        awaitRows(hook, 1);

        assertThat(worker.runOnce()).isEqualTo(1);

        Received request = receiver.received().getFirst();
        String signature = request.header("IABulk-Signature");
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        String v1 = signature.substring(signature.indexOf("v1=") + 3);
        // what a receiver does: HMAC-SHA256 of "<t>.<raw body>" with the secret, compared
        assertThat(v1).isEqualTo(Signatures.hmacHex(SECRET, t, request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(Math.abs(t - Instant.now().getEpochSecond())).isLessThan(300);
        assertThat(Signatures.hmacHex(
                        "another-secret-0123456789", t, request.body().getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(v1);

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("id").asString()).startsWith("evt_").isEqualTo(request.header("IABulk-Event-Id"));
        assertThat(body.get("type").asString())
                .isEqualTo("referral.credited")
                .isEqualTo(request.header("IABulk-Event-Type"));
        assertThat(Instant.parse(body.get("createdAt").asString())).isNotNull();
        assertThat(body.get("data").get("referralId").asLong()).isEqualTo(credit.referralId());
        assertThat(body.get("data").get("referrals").asInt()).isEqualTo(1);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");

        JsonNode log =
                admin.get("/api/v1/webhooks/" + hook + "/deliveries").json().get("items");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(log.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(log.get(0).get("lastStatusCode").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("eventId").asString())
                .isEqualTo(body.get("id").asString());
    }

    @Test
    void aDeliveryAnswered500IsRetriedAfterAboutTenSecondsWithTheSameIdUntilDelivered() {
        long hook = create(List.of("referral.credited"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> Reply.status(calls.incrementAndGet() == 1 ? 500 : 204));
        publish(credit(IDS.incrementAndGet(), 1));
        awaitRows(hook, 1);

        Instant before = clock.instant();
        worker.runOnce();
        JsonNode pending = admin.get("/api/v1/webhooks/" + hook + "/deliveries?status=PENDING")
                .json()
                .get("items")
                .get(0);
        assertThat(pending.get("attempts").asInt()).isEqualTo(1);
        assertThat(pending.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(pending.get("lastError").asString()).isEqualTo("HTTP 500");
        Instant next = Instant.parse(pending.get("nextAttemptAt").asString());
        // 10 s with ±20% jitter
        assertThat(Duration.between(before, next)).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(13));
        assertThat(worker.runOnce()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(13));
        assertThat(worker.runOnce()).isEqualTo(1);

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).body())
                .isEqualTo(receiver.received().get(0).body());
        assertThat(receiver.received().get(1).header("IABulk-Event-Id"))
                .isEqualTo(receiver.received().get(0).header("IABulk-Event-Id"));
        assertThat(receiver.received().get(1).header("IABulk-Delivery-Attempt")).isEqualTo("2");
        JsonNode delivered = log(hook).getFirst();
        assertThat(delivered.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivered.get("lastStatusCode").asInt()).isEqualTo(204);
    }

    @Test
    void aDeliveryThatTimesOutIsRetried() {
        WebhookWorker impatient = worker.another(
                "impatient", with(Duration.ofMillis(300), properties.retryFor(), properties.disableAfter()));
        long hook = create(List.of("referral.credited"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() == 1 ? new Reply(200, 2_000) : Reply.status(200));
        publish(credit(IDS.incrementAndGet(), 1));
        awaitRows(hook, 1);

        impatient.runOnce();
        JsonNode pending = log(hook).getFirst();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(pending.get("lastError").asString()).contains("timeout");
        assertThat(pending.get("lastStatusCode").isNull()).isTrue();

        clock.advance(Duration.ofSeconds(13));
        assertThat(impatient.runOnce()).isEqualTo(1);
        assertThat(log(hook).getFirst().get("status").asString()).isEqualTo("DELIVERED");
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void aLaterEventOfASubjectWaitsUntilTheEarlierOneIsDelivered() {
        long hook = create(List.of("referral.credited"));
        long alice = IDS.incrementAndGet();
        long bob = IDS.incrementAndGet();
        AtomicInteger aliceFirst = new AtomicInteger();
        receiver.answer(r -> {
            JsonNode data = JSON.readTree(r.body()).get("data");
            boolean failOnce = data.get("referrerId").asLong() == alice && aliceFirst.incrementAndGet() == 1;
            return Reply.status(failOnce ? 503 : 200);
        });
        for (int n = 1; n <= 3; n++) {
            publish(credit(alice, n));
            awaitRows(hook, n);
        }
        publish(credit(bob, 1));
        awaitRows(hook, 4);

        assertThat(worker.runOnce()).as("the head of each subject only").isEqualTo(2);
        assertThat(sent()).containsExactlyInAnyOrder(alice + ":1", bob + ":1");
        assertThat(worker.runOnce())
                .as("alice's next credits wait for her first")
                .isZero();

        clock.advance(Duration.ofSeconds(13));
        while (worker.runOnce() > 0) {
            // one per claim: each is claimable once the one before it is delivered
        }
        assertThat(sent().subList(0, 2)).containsExactlyInAnyOrder(alice + ":1", bob + ":1");
        assertThat(sent().subList(2, 5)).containsExactly(alice + ":1", alice + ":2", alice + ":3");
    }

    @Test
    void creditsRecordedOutOfOrderAreSentInTheOrderTheyWereCounted() {
        long hook = create(List.of("referral.credited"));
        long alice = IDS.incrementAndGet();
        // the listeners of three credits ran in the reverse order of their commits
        for (int n = 3; n >= 1; n--) {
            publish(credit(alice, n));
            awaitRows(hook, 4 - n);
        }
        while (worker.runOnce() > 0) {
            // one per claim
        }
        assertThat(sent()).containsExactly(alice + ":1", alice + ":2", alice + ":3");
    }

    @Test
    void twoWorkersAtOnceSendEachEventOnceAndInOrderPerSubject() throws Exception {
        long hook = create(List.of("referral.credited"));
        List<Long> subjects = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            subjects.add(IDS.incrementAndGet());
        }
        int perSubject = 5;
        for (int n = 1; n <= perSubject; n++) {
            for (long subject : subjects) {
                publish(credit(subject, n));
            }
            // every n-th credit is recorded before the n+1-th of the same referrer
            awaitRows(hook, n * subjects.size());
        }
        WebhookWorker one = worker.another(
                "worker-one", with(properties.timeout(), properties.retryFor(), properties.disableAfter(), 3));
        WebhookWorker two = worker.another(
                "worker-two", with(properties.timeout(), properties.retryFor(), properties.disableAfter(), 3));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (WebhookWorker w : List.of(one, two)) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    int idle = 0;
                    while (idle < 3) {
                        idle = w.runOnce() == 0 ? idle + 1 : 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }

        List<String> sent = sent();
        assertThat(sent).hasSize(subjects.size() * perSubject).doesNotHaveDuplicates();
        Map<String, List<Integer>> bySubject = new HashMap<>();
        for (String s : sent) {
            String[] parts = s.split(":");
            bySubject.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        assertThat(bySubject).hasSize(subjects.size());
        bySubject.values().forEach(order -> assertThat(order).containsExactly(1, 2, 3, 4, 5));
    }

    @Test
    void aWorkerThatDiesMidRetryLosesNothing() {
        long hook = create(List.of("referral.credited"));
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> Reply.status(calls.incrementAndGet() <= 2 ? 500 : 200));
        publish(credit(IDS.incrementAndGet(), 1));
        publish(credit(IDS.incrementAndGet(), 1));
        awaitRows(hook, 2);
        worker.runOnce();
        assertThat(log(hook))
                .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("PENDING"));

        // an instance claims the retries and stops before it sends them (killed, say)
        clock.advance(Duration.ofSeconds(13));
        Instant now = clock.instant();
        List<Claimed> lost = deliveries.claim(10, "dead-instance", now.plus(properties.lease()), now);
        assertThat(lost).hasSize(2);

        WebhookWorker restarted = worker.another("restarted", properties);
        assertThat(restarted.runOnce()).as("leased to the dead instance").isZero();
        clock.advance(properties.lease().plusSeconds(1));
        assertThat(restarted.runOnce()).isEqualTo(2);

        assertThat(log(hook)).allSatisfy(d -> {
            assertThat(d.get("status").asString()).isEqualTo("DELIVERED");
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
        });
        // what the dead instance would write late is refused: the rows belong to the later attempt
        assertThat(deliveries.settle(lost.getFirst(), "dead-instance", "FAILED", null, "late", null, clock.instant()))
                .isFalse();
        assertThat(log(hook))
                .allSatisfy(d -> assertThat(d.get("status").asString()).isEqualTo("DELIVERED"));
    }

    @Test
    void aWebhookFailingForTheConfiguredTimeIsDisabledAndItsDeliveryFails() {
        WebhookWorker shortLived =
                worker.another("short-lived", with(properties.timeout(), Duration.ofMinutes(1), Duration.ofMinutes(1)));
        long hook = create(List.of("referral.credited"));
        receiver.answer(r -> Reply.status(500));
        publish(credit(IDS.incrementAndGet(), 1));
        awaitRows(hook, 1);

        shortLived.runOnce();
        JsonNode failing = admin.get("/api/v1/webhooks/" + hook).json();
        assertThat(failing.get("enabled").asBoolean()).isTrue();
        assertThat(failing.get("failingSince").isNull()).isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(shortLived.runOnce()).isEqualTo(1);

        JsonNode disabled = admin.get("/api/v1/webhooks/" + hook).json();
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("disabledReason").asString()).isEqualTo("HTTP 500");
        assertThat(log(hook).getFirst().get("status").asString()).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.disabled' AND subject LIKE :s")
                        .param("s", "webhook " + hook + ":%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // a disabled webhook gets no new deliveries until enabled again (the listeners' insert)
        deliveries.record(
                "referral.credited",
                "evt_while_disabled",
                "participant:0",
                null,
                0,
                "{}",
                clock.instant(),
                clock.instant());
        assertThat(log(hook)).hasSize(1);
        Api.Response enabled = admin.post("/api/v1/webhooks/" + hook + "/enable");
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("failingSince").isNull()).isTrue();
        assertThat(enabled.json().get("disabledAt").isNull()).isTrue();
        receiver.answer(r -> Reply.status(200));
        publish(credit(IDS.incrementAndGet(), 1));
        awaitRows(hook, 2);
        assertThat(shortLived.runOnce()).isEqualTo(1);
        assertThat(log(hook).getFirst().get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void erasingAPersonDeletesTheirDeliveriesPendingOrLoggedAndLeavesOthers() {
        long hook = create(List.of("participant.signed_up"));
        long contest = activeContest(admin, contestWithoutConfirmation());
        String erasedAddress = email("erased");
        SignupResult erased = signUp(contest, erasedAddress, null);
        signUp(contest, email("kept"), null);
        awaitRows(hook, 2);
        long contactId = jdbc.sql("SELECT contact_id FROM contest_participants WHERE id = :id")
                .param("id", erased.participantId())
                .query(Long.class)
                .single();

        assertThat(admin.send("DELETE", "/api/v1/contacts/" + contactId, null, new byte[0])
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = :id")
                                .param("id", hook)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(jdbc.sql("SELECT payload FROM webhook_deliveries WHERE webhook_id = :id")
                        .param("id", hook)
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(payload -> assertThat(payload).doesNotContain(erasedAddress));
        while (worker.runOnce() > 0) {
            // send what is left
        }
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().getFirst().body()).doesNotContain(erasedAddress);
    }

    @Test
    void theModulesEventsReachTheWebhookFromSignupsReferralsAndUnsubscribes() {
        long hook = create(WebhookEventType.wireNames());
        long contest = activeContest(admin, contestWithoutConfirmation());
        SignupResult alice = signUp(contest, email("alice"), null);
        signUp(contest, email("bob"), alice.referralCode());
        signUp(contest, "carol" + unique() + "@mailinator.com", alice.referralCode());
        Api.Response contact = admin.post("/api/v1/contacts", Map.of("email", email("dave")));
        long daveId = contact.json().get("id").asLong();
        admin.patch("/api/v1/contacts/" + daveId, Map.of("status", "UNSUBSCRIBED"));

        // alice, bob and carol signed up; bob's referral credited (alice's first milestone), carol's flagged
        awaitRows(hook, 7);
        while (worker.runOnce() > 0) {
            // until every subject is done
        }

        List<JsonNode> bodies =
                receiver.received().stream().map(r -> JSON.readTree(r.body())).toList();
        assertThat(bodies.stream().map(b -> b.get("type").asString()))
                .containsExactlyInAnyOrder(
                        "participant.signed_up",
                        "participant.signed_up",
                        "participant.signed_up",
                        "referral.credited",
                        "milestone.reached",
                        "referral.flagged",
                        "contact.unsubscribed");
        JsonNode flagged = bodies.stream()
                .filter(b -> b.get("type").asString().equals("referral.flagged"))
                .findFirst()
                .orElseThrow()
                .get("data");
        assertThat(flagged.get("reason").asString()).isEqualTo("DISPOSABLE_DOMAIN");
        assertThat(flagged.get("referrerId").asLong()).isEqualTo(alice.participantId());
        JsonNode unsubscribed = bodies.stream()
                .filter(b -> b.get("type").asString().equals("contact.unsubscribed"))
                .findFirst()
                .orElseThrow()
                .get("data");
        assertThat(unsubscribed.get("contactId").asLong()).isEqualTo(daveId);
        assertThat(receiver.received().stream().map(r -> r.body()))
                .as("no confirmation token leaves")
                .noneMatch(b -> b.contains("confirmationToken"));
        // alice's own events in the order they happened: her signup before the credit of her referral
        List<String> aliceTypes = bodies.stream()
                .filter(b -> b.get("data").path("participantId").asLong(-1) == alice.participantId()
                        || b.get("data").path("referrerId").asLong(-1) == alice.participantId())
                .map(b -> b.get("type").asString())
                .toList();
        assertThat(aliceTypes.getFirst()).isEqualTo("participant.signed_up");
    }

    // ---

    private SignupResult signUp(long contest, String address, String referralCode) {
        long network = IDS.incrementAndGet();
        return contests.signUp(
                contest,
                new SignupRequest(address, null, null, referralCode),
                "10." + (100 + network % 100) + "." + (network / 100 % 250) + ".1");
    }

    private long create(List<String> events) {
        Api.Response created = admin.post(
                "/api/v1/webhooks", Map.of("url", receiver.url("/hook"), "events", events, "secret", SECRET));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static ReferralCredited credit(long referrerId, int referrals) {
        return new ReferralCredited(
                1, IDS.incrementAndGet(), referrerId, IDS.incrementAndGet(), referrals, referrals * 10);
    }

    private void publish(Object event) {
        new TransactionTemplate(transactionManager).executeWithoutResult(s -> publisher.publishEvent(event));
    }

    private void awaitRows(long hook, int rows) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = :id")
                                .param("id", hook)
                                .query(Long.class)
                                .single()
                        >= rows);
    }

    private List<JsonNode> log(long hook) {
        List<JsonNode> items = new ArrayList<>();
        admin.get("/api/v1/webhooks/" + hook + "/deliveries")
                .json()
                .get("items")
                .forEach(items::add);
        return items;
    }

    /** What the receiver got, as {@code referrerId:referrals}, in arrival order. */
    private List<String> sent() {
        return receiver.received().stream()
                .map(r -> JSON.readTree(r.body()).get("data"))
                .map(d ->
                        d.get("referrerId").asLong() + ":" + d.get("referrals").asInt())
                .toList();
    }

    private WebhooksProperties with(Duration timeout, Duration retryFor, Duration disableAfter) {
        return with(timeout, retryFor, disableAfter, properties.batchSize());
    }

    private WebhooksProperties with(Duration timeout, Duration retryFor, Duration disableAfter, int batchSize) {
        WebhooksProperties p = properties;
        return new WebhooksProperties(
                p.enabled(),
                p.pollInterval(),
                batchSize,
                p.concurrency(),
                timeout,
                p.lease(),
                p.firstRetry(),
                p.maxBackoff(),
                p.jitter(),
                retryFor,
                disableAfter,
                p.allowPrivateAddresses(),
                p.maxWebhooks(),
                p.orderGrace());
    }
}
