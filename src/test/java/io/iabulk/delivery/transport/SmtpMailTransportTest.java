package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.SendOutcome;
import io.iabulk.delivery.internal.SendOutcome.Kind;
import io.iabulk.support.ScriptedSmtpServer;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.mail.autoconfigure.MailProperties;

class SmtpMailTransportTest {

    private final MimeMessages messages = TestMessages.messages();
    private ScriptedSmtpServer server;
    private final List<SmtpMailTransport> transports = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new ScriptedSmtpServer().start();
    }

    @AfterEach
    void stop() {
        transports.forEach(SmtpMailTransport::close);
        server.close();
    }

    @Test
    void deliversToARealServerWithTheMessageIdAsProviderId() throws Exception {
        String to = "smtp-" + System.nanoTime() + "@example.org";
        SmtpMailTransport transport = transport(TestMail.PORT, 2);

        List<SendOutcome> outcomes = transport.send(List.of(envelope(TestMessages.mail(to))));

        assertThat(outcomes).singleElement().extracting(SendOutcome::kind).isEqualTo(Kind.SENT);
        List<MimeMessage> received = TestMail.awaitFor(to, 1, Duration.ofSeconds(10));
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().getMessageID())
                .isEqualTo(outcomes.getFirst().providerMessageId());
        assertThat(received.getFirst().getHeader("List-Unsubscribe-Post", null))
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(TestMail.textOf(received.getFirst())).isEqualTo("Hello,\r\nthis is the text.\r\n");
    }

    @Test
    void aSignedMessageStillVerifiesAfterTheTripThroughARealServer(@TempDir Path dir) throws Exception {
        DkimSignerTest.keys();
        String to = "dkim-" + System.nanoTime() + "@example.org";
        SmtpMailTransport transport = transport(TestMail.PORT, 1, DkimSignerTest.messages);

        assertThat(transport.send(List.of(envelope(TestMessages.mail(to)))))
                .extracting(SendOutcome::kind)
                .containsExactly(Kind.SENT);
        MimeMessage received = TestMail.awaitFor(to, 1, Duration.ofSeconds(10)).getFirst();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        received.writeTo(raw);

        assertThat(DkimSignerTest.verify(dir, DkimSignerTest.publicKey, raw.toByteArray()))
                .isEqualTo("PASS bulk2026._domainkey.example.com.");
    }

    @Test
    void twoHundredMessagesFromEightThreadsOpenNoMoreConnectionsThanThePoolHolds() throws Exception {
        SmtpMailTransport transport = transport(server.port(), 4);
        List<Future<List<SendOutcome>>> batches = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
            for (int w = 0; w < 8; w++) {
                int worker = w;
                batches.add(workers.submit(() -> transport.send(IntStream.range(0, 25)
                        .mapToObj(i -> envelope(simple("w" + worker + "-" + i + "@example.org")))
                        .toList())));
            }
        }
        List<SendOutcome> outcomes = new ArrayList<>();
        for (Future<List<SendOutcome>> batch : batches) {
            outcomes.addAll(batch.get());
        }

        assertThat(outcomes).hasSize(200).allMatch(o -> o.kind() == Kind.SENT);
        assertThat(outcomes.stream().map(SendOutcome::providerMessageId).distinct())
                .hasSize(200);
        assertThat(server.delivered()).hasSize(200).doesNotHaveDuplicates();
        assertThat(server.connections()).isBetween(1, 4);
    }

    @Test
    void replyCodesDecideEachMessageAndTheConnectionIsKept() {
        SmtpMailTransport transport = transport(server.port(), 1);

        List<SendOutcome> outcomes = transport.send(List.of(
                envelope(simple("ok-1@example.org")),
                envelope(simple("rcpt-451@example.org")),
                envelope(simple("rcpt-550@example.org")),
                envelope(simple("data-452@example.org")),
                envelope(simple("data-554@example.org")),
                envelope(simple("rcpt-552@example.org")),
                envelope(simple("not an address <")),
                envelope(simple("ok-2@example.org"))));

        assertThat(outcomes)
                .extracting(SendOutcome::kind, SendOutcome::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.SENT, 250),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 451),
                        org.assertj.core.groups.Tuple.tuple(Kind.PERMANENT, 550),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 452),
                        org.assertj.core.groups.Tuple.tuple(Kind.PERMANENT, 554),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 552),
                        org.assertj.core.groups.Tuple.tuple(Kind.PERMANENT, 0),
                        org.assertj.core.groups.Tuple.tuple(Kind.SENT, 250));
        assertThat(outcomes.get(2).detail()).contains("550 scripted rcpt reply");
        assertThat(server.delivered()).containsExactly("ok-1@example.org", "ok-2@example.org");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aRejectedSenderIsPermanentAndA421ClosesTheConnection() {
        SmtpMailTransport transport = transport(server.port(), 1);

        List<SendOutcome> outcomes = transport.send(List.of(
                envelope(from("mail-550@example.com", "a@example.org")),
                envelope(from("mail-421@example.com", "b@example.org")),
                envelope(simple("c@example.org"))));

        assertThat(outcomes)
                .extracting(SendOutcome::kind, SendOutcome::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.PERMANENT, 550),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 421),
                        org.assertj.core.groups.Tuple.tuple(Kind.SENT, 250));
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aCutConnectionIsTransientWithCodeZeroAndTheNextMessageGetsANewOne() {
        SmtpMailTransport transport = transport(server.port(), 1);

        List<SendOutcome> outcomes = transport.send(List.of(
                envelope(simple("drop-rcpt@example.org")),
                envelope(simple("ok-1@example.org")),
                envelope(simple("drop-data@example.org")),
                envelope(simple("ok-2@example.org"))));

        assertThat(outcomes)
                .extracting(SendOutcome::kind, SendOutcome::code)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 0),
                        org.assertj.core.groups.Tuple.tuple(Kind.SENT, 250),
                        org.assertj.core.groups.Tuple.tuple(Kind.TRANSIENT, 0),
                        org.assertj.core.groups.Tuple.tuple(Kind.SENT, 250));
        assertThat(server.delivered()).containsExactly("ok-1@example.org", "ok-2@example.org");
    }

    @Test
    void aConnectionTheRelayClosedWhileIdleIsRetriedOnceOnANewOne() {
        SmtpMailTransport transport = transport(server.port(), 1);
        server.closeAfterEachMessage(true);

        List<SendOutcome> first = transport.send(List.of(envelope(simple("a@example.org"))));
        List<SendOutcome> next =
                transport.send(List.of(envelope(simple("b@example.org")), envelope(simple("c@example.org"))));

        assertThat(first).extracting(SendOutcome::kind).containsExactly(Kind.SENT);
        assertThat(next).extracting(SendOutcome::kind).containsExactly(Kind.SENT, Kind.SENT);
        assertThat(server.delivered()).containsExactly("a@example.org", "b@example.org", "c@example.org");
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void anUnreachableRelayFailsTheWholeBatchTransiently() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SmtpMailTransport transport = transport(closedPort, 2);

        List<SendOutcome> outcomes =
                transport.send(List.of(envelope(simple("a@example.org")), envelope(simple("b@example.org"))));

        assertThat(outcomes).hasSize(2).allMatch(o -> o.kind() == Kind.TRANSIENT && o.code() == 0);
    }

    @Test
    void logsInWithTheConfiguredCredentialsAndTreatsRefusedOnesAsAnOutage() {
        server.requireLogin("relay-user", "s3cret");
        MailProperties good = relay(server.port());
        good.setUsername("relay-user");
        good.setPassword("s3cret");
        MailProperties bad = relay(server.port());
        bad.setUsername("relay-user");
        bad.setPassword("wrong");

        List<SendOutcome> accepted = transport(good, 1, messages).send(List.of(envelope(simple("a@example.org"))));
        List<SendOutcome> refused = transport(bad, 1, messages).send(List.of(envelope(simple("b@example.org"))));

        assertThat(accepted)
                .extracting(SendOutcome::kind, SendOutcome::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.SENT, null));
        assertThat(refused).singleElement().matches(o -> o.kind() == Kind.TRANSIENT && o.code() == 0);
        assertThat(refused.getFirst().detail()).contains("535 5.7.8 bad credentials");
        assertThat(server.delivered()).containsExactly("a@example.org");
    }

    @Test
    void sessionCarriesTimeoutsStartTlsAuthAndSpringMailPropertiesWin() {
        MailProperties mail = relay(2525);
        mail.setUsername("u");
        mail.getProperties().put("mail.smtp.timeout", "1234");
        Properties session = SmtpConnectionPool.sessionProperties(
                "smtp",
                mail,
                TestMessages.properties(Map.of(
                                "iabulk.delivery.smtp.start-tls", "true",
                                "iabulk.delivery.smtp.require-start-tls", "true",
                                "iabulk.delivery.smtp.connect-timeout", "3s",
                                "iabulk.delivery.smtp.write-timeout", "7s"))
                        .smtp());

        assertThat(session)
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "3000")
                .containsEntry("mail.smtp.writetimeout", "7000")
                .containsEntry("mail.smtp.timeout", "1234");
    }

    private SmtpMailTransport transport(int port, int poolSize) {
        return transport(port, poolSize, messages);
    }

    private static MailProperties relay(int port) {
        MailProperties mail = new MailProperties();
        mail.setHost("127.0.0.1");
        mail.setPort(port);
        return mail;
    }

    private SmtpMailTransport transport(int port, int poolSize, MimeMessages messages) {
        return transport(relay(port), poolSize, messages);
    }

    private SmtpMailTransport transport(MailProperties mail, int poolSize, MimeMessages messages) {
        SmtpMailTransport transport = new SmtpMailTransport(
                new SmtpConnectionPool(
                        mail,
                        TestMessages.properties(Map.of(
                                        "iabulk.delivery.smtp.pool-size",
                                        Integer.toString(poolSize),
                                        "iabulk.delivery.smtp.read-timeout",
                                        "5s"))
                                .smtp()),
                messages);
        transports.add(transport);
        return transport;
    }

    private static Envelope envelope(OutgoingMail mail) {
        return new Envelope(1, mail);
    }

    private static OutgoingMail simple(String to) {
        return from("news@example.com", to);
    }

    private static OutgoingMail from(String from, String to) {
        return new OutgoingMail(to, from, "Hello", "Hello there\n", "<p>Hello there</p>", Map.of());
    }
}
