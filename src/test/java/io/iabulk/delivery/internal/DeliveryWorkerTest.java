package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.iabulk.delivery.SendProgress;
import io.iabulk.support.MutableClock;
import io.iabulk.support.ScriptedSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Workers against a real (scripted) SMTP server: sharing, retries, bounces, outages. */
class DeliveryWorkerTest extends DeliveryTestSupport {

    private ScriptedSmtpServer smtp;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void startSmtp() {
        smtp = new ScriptedSmtpServer().start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.close();
    }

    @Test
    void twoWorkerPoolsShareACampaignAndSendEveryMessageExactlyOnce() {
        Contacts contacts = contacts(2_000);
        long campaign = startedCampaign(contacts);

        startPool("instance-a-" + contacts.tag(), transportTo(smtp), 4);
        startPool("instance-b-" + contacts.tag(), transportTo(smtp), 4);
        SendProgress progress = awaitSettled(campaign, Duration.ofMinutes(4));

        assertThat(progress.sent()).isEqualTo(2_000);
        List<ScriptedSmtpServer.Received> received = smtp.received();
        assertThat(received).hasSize(2_000);
        Set<String> sendIds = received.stream().map(r -> r.header(SEND_HEADER)).collect(Collectors.toSet());
        assertThat(sendIds).hasSize(2_000);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND status = 'SENT' AND attempts = 1")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isEqualTo(2_000);
        Map<String, Long> byInstance = jdbc
                .sql("SELECT leased_by, COUNT(*) FROM email_sends WHERE campaign_id = :c GROUP BY leased_by")
                .param("c", campaign)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byInstance).as("both pools sent part of the campaign").hasSize(2);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void stoppingAPoolFinishesAndRecordsTheSendsInFlightAndItClaimsNothingMore() {
        Contacts contacts = contacts(400);
        long campaign = startedCampaign(contacts);
        // 100 a second: the stop comes seconds before the pool could have sent everything
        delivery.activate(campaign, 100);
        String stopped = "stop-" + contacts.tag();
        DeliveryWorker worker = pool(stopped, transportTo(smtp));
        worker.start(4);
        await("50 sent")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> delivery.progress(campaign).sent() >= 50);

        worker.stop();

        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.sending()).as("nothing left in flight").isZero();
        assertThat(progress.sent()).isEqualTo(smtp.received().size());
        assertThat(progress.queued()).as("the stop came before the end").isPositive();
        assertCountsMatchRows(campaign, 0);

        // another pool sends the rest, stepped here, at full speed; a stopped pool that still
        // claimed would take some of those rows under its own name
        delivery.activate(campaign, null);
        SendProgress drained =
                drain(pool("heir-" + contacts.tag(), transportTo(smtp)), campaign, Duration.ofSeconds(60));

        assertThat(drained.sent()).isEqualTo(400);
        assertThat(smtp.received()).hasSize(400);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND leased_by = :stopped")
                        .param("c", campaign)
                        .param("stopped", stopped)
                        .query(Long.class)
                        .single())
                .as("no claim after the stop")
                .isEqualTo(progress.sent());
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void aTransientFailureIsRetriedAfterABackoffAndSentOnce() {
        Contacts contacts = contacts(3);
        String unlucky = contacts.email(contacts.lo() + 1);
        smtp.replyOnce(unlucky, "451 4.7.1 Greylisted, try again later");
        long campaign = startedCampaign(contacts);
        DeliveryWorker worker = pool("retry-" + contacts.tag(), transportTo(smtp));

        assertThat(worker.runOnce()).isEqualTo(3);
        Map<String, Object> row = row(campaign, contacts.lo() + 1);
        assertThat(row.get("status")).isEqualTo("QUEUED");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("error")).contains("451");
        assertThat(smtp.receivedFor(unlucky)).isZero();

        SendProgress progress = drain(worker, campaign, Duration.ofSeconds(30));

        assertThat(progress.sent()).isEqualTo(3);
        assertThat(smtp.receivedFor(unlucky)).isEqualTo(1);
        row = row(campaign, contacts.lo() + 1);
        assertThat(row.get("status")).isEqualTo("SENT");
        assertThat(row.get("attempts")).isEqualTo(2);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void transientFailuresFailTheRecipientAfterTheLastAttempt() {
        Contacts contacts = contacts(2);
        String hopeless = contacts.email(contacts.lo());
        smtp.replyAlways(hopeless, "452 4.2.2 Mailbox full");
        long campaign = startedCampaign(contacts);

        SendProgress progress =
                drain(pool("exhaust-" + contacts.tag(), transportTo(smtp)), campaign, Duration.ofSeconds(30));

        assertThat(progress.sent()).isEqualTo(1);
        assertThat(progress.failed()).isEqualTo(1);
        Map<String, Object> row = row(campaign, contacts.lo());
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat((String) row.get("error"))
                .startsWith("gave up after 3 attempts")
                .contains("452");
        assertThat(contactStatus(contacts.lo())).isEqualTo("ACTIVE");
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void aPermanentFailureFailsOnlyThatRecipientAndAHardBounceSuppressesTheContact() {
        Contacts contacts = contacts(6);
        String unknown = contacts.email(contacts.lo() + 1);
        String refused = contacts.email(contacts.lo() + 3);
        smtp.replyAlways(unknown, "550 5.1.1 No such user here");
        smtp.replyAlways(refused, "554 5.7.1 Message refused by policy");
        long campaign = startedCampaign(contacts);

        SendProgress progress =
                drain(pool("bounce-" + contacts.tag(), transportTo(smtp)), campaign, Duration.ofSeconds(30));

        assertThat(progress.sent()).isEqualTo(4);
        assertThat(progress.bounced()).isEqualTo(1);
        assertThat(progress.failed()).isEqualTo(1);
        assertThat(row(campaign, contacts.lo() + 1))
                .containsEntry("status", "BOUNCED")
                .containsEntry("attempts", 1);
        assertThat((String) row(campaign, contacts.lo() + 1).get("error")).contains("550");
        assertThat(row(campaign, contacts.lo() + 3))
                .containsEntry("status", "FAILED")
                .containsEntry("attempts", 1);
        assertThat(contactStatus(contacts.lo() + 1)).isEqualTo("BOUNCED");
        assertThat(contactStatus(contacts.lo() + 3))
                .as("a policy refusal is not a bounce")
                .isEqualTo("ACTIVE");
        assertThat(smtp.received()).hasSize(4);
        assertCountsMatchRows(campaign, 0);
        assertThat(meters.get("iabulk.delivery.bounced")
                        .tag("transport", "smtp")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anOutageOpensTheCircuitWithoutSpendingAttemptsAndItClosesWhenTheServerIsBack() {
        Contacts contacts = contacts(30);
        smtp.stop();
        long campaign = startedCampaign(contacts);
        DeliveryWorker worker = startPool("outage-" + contacts.tag(), transportTo(smtp), 2);

        await("the circuit opens")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> worker.breaker().getState() == CircuitBreaker.State.OPEN);
        SendProgress during = delivery.progress(campaign);
        assertThat(during.failed()).isZero();
        assertThat(during.sent()).isZero();

        smtp.start();
        SendProgress progress = awaitSettled(campaign, Duration.ofSeconds(60));

        assertThat(progress.sent()).isEqualTo(30);
        assertThat(progress.failed()).isZero();
        assertThat(worker.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(smtp.received()).hasSize(30);
        assertThat(jdbc.sql("SELECT MAX(attempts) FROM email_sends WHERE campaign_id = :c")
                        .param("c", campaign)
                        .query(Integer.class)
                        .single())
                .as("attempts that never reached a server are given back")
                .isEqualTo(1);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void aCampaignRateLimitCapsTheClaims() {
        Contacts contacts = contacts(40);
        long campaign = startedCampaign(contacts);
        delivery.activate(campaign, 5);
        DeliveryWorker worker = pool("rate-" + contacts.tag(), transportTo(smtp));
        Instant now = Instant.now();
        clock.pin(now);
        try {
            // one live instance (this test JVM's): the bucket holds one second's worth of the rate
            assertThat(worker.runOnce()).isEqualTo(5);
            assertThat(worker.runOnce()).as("the second's worth is spent").isZero();
            clock.advance(Duration.ofMillis(400));
            assertThat(worker.runOnce()).as("5 a second: 2 in 400 ms").isEqualTo(2);
            assertThat(worker.runOnce()).isZero();
        } finally {
            clock.reset();
        }
        assertThat(delivery.progress(campaign).sent()).isEqualTo(7);
        assertCountsMatchRows(campaign, 0);
    }

    private Map<String, Object> row(long campaign, long contactId) {
        return jdbc.sql("SELECT status, attempts, error FROM email_sends WHERE campaign_id = :c AND contact_id = :id")
                .param("c", campaign)
                .param("id", contactId)
                .query()
                .singleRow();
    }
}
