package io.iabulk.delivery.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.SendOutcome;
import io.iabulk.delivery.internal.SendOutcome.Kind;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SendGrid transport against a WireMock stub of {@code /v3/mail/send}. */
class SendGridMailTransportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static WireMockServer sendgrid;
    private SendGridMailTransport transport;

    @BeforeAll
    static void startStub() {
        sendgrid = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sendgrid.start();
    }

    @AfterAll
    static void stopStub() {
        sendgrid.stop();
    }

    @BeforeEach
    void transport() {
        sendgrid.resetAll();
        transport = transport("http://127.0.0.1:" + sendgrid.port());
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void personalisedMessagesGoOneRequestEachWithTheirSendIdAndUnsubscribeHeaders() {
        accept("msg-1");

        List<SendOutcome> outcomes = transport.send(List.of(
                new Envelope(41, personal("Ann <ann@example.org>", "Hello Ann", "https://b.example.com/u/tokA")),
                new Envelope(42, personal("bo@example.org", "Hello Bo", "https://b.example.com/u/tokB"))));

        assertThat(outcomes).extracting(SendOutcome::kind).containsExactly(Kind.SENT, Kind.SENT);
        assertThat(outcomes).extracting(SendOutcome::providerMessageId).containsExactly("msg-1", "msg-1");
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).allMatch(r -> "Bearer SG.test-key".equals(r.getHeader("Authorization")));
        JsonNode ann = requests.stream()
                .map(r -> JSON.readTree(r.getBodyAsString()))
                .filter(b -> b.at("/personalizations/0/to/0/email").asString().equals("ann@example.org"))
                .findFirst()
                .orElseThrow();
        assertThat(ann.at("/personalizations").size()).isEqualTo(1);
        assertThat(ann.at("/personalizations/0/to/0/name").asString()).isEqualTo("Ann");
        assertThat(ann.at("/personalizations/0/custom_args/send_id").asString()).isEqualTo("41");
        assertThat(ann.at("/personalizations/0/headers/List-Unsubscribe").asString())
                .isEqualTo("<https://b.example.com/u/tokA>, "
                        + "<mailto:unsubscribe@mail.example.com?subject=unsubscribe%20tokA>");
        assertThat(ann.at("/personalizations/0/headers/List-Unsubscribe-Post").asString())
                .isEqualTo("List-Unsubscribe=One-Click");
        assertThat(ann.at("/from/email").asString()).isEqualTo("news@example.com");
        assertThat(ann.at("/from/name").asString()).isEqualTo("News");
        assertThat(ann.at("/reply_to/email").asString()).isEqualTo("help@example.com");
        assertThat(ann.at("/subject").asString()).isEqualTo("Hi");
        assertThat(ann.at("/content/0/type").asString()).isEqualTo("text/plain");
        assertThat(ann.at("/content/0/value").asString()).isEqualTo("Hello Ann");
        assertThat(ann.at("/content/1/type").asString()).isEqualTo("text/html");
        assertThat(ann.at("/content/1/value").asString()).isEqualTo("<p>Hello Ann</p>");
        assertThat(ann.at("/headers/X-IABulk-Kind").asString()).isEqualTo("campaign");
    }

    @Test
    void identicalMessagesShareOneRequestWithAPersonalizationEach() {
        accept("msg-2");

        List<SendOutcome> outcomes = transport.send(List.of(
                new Envelope(1, personal("a@example.org", "Same for all", "https://b.example.com/u/a")),
                new Envelope(2, personal("b@example.org", "Different", "https://b.example.com/u/b")),
                new Envelope(3, personal("c@example.org", "Same for all", "https://b.example.com/u/c"))));

        assertThat(outcomes).extracting(SendOutcome::kind).containsOnly(Kind.SENT);
        List<JsonNode> bodies =
                requests().stream().map(r -> JSON.readTree(r.getBodyAsString())).toList();
        assertThat(bodies).hasSize(2);
        JsonNode shared = bodies.stream()
                .filter(b -> b.at("/personalizations").size() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(shared.at("/personalizations/0/to/0/email").asString()).isEqualTo("a@example.org");
        assertThat(shared.at("/personalizations/0/custom_args/send_id").asString())
                .isEqualTo("1");
        assertThat(shared.at("/personalizations/1/to/0/email").asString()).isEqualTo("c@example.org");
        assertThat(shared.at("/personalizations/1/custom_args/send_id").asString())
                .isEqualTo("3");
        assertThat(shared.at("/personalizations/1/headers/List-Unsubscribe").asString())
                .startsWith("<https://b.example.com/u/c>");
    }

    @Test
    void throttlingIsTransientWithTheRetryAfterInTheDetail() {
        sendgrid.stubFor(post(urlEqualTo("/v3/mail/send"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withBody("{\"errors\":[{\"message\":\"too many requests\"}]}")));

        SendOutcome outcome = transport
                .send(List.of(new Envelope(1, personal("a@example.org", "x", null))))
                .getFirst();

        assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.code()).isEqualTo(429);
        assertThat(outcome.detail()).startsWith("retry after 30 s").contains("too many requests");
    }

    @Test
    void aBadRequestIsPermanentAndAServerErrorTransient() {
        sendgrid.stubFor(post(urlEqualTo("/v3/mail/send"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"errors\":[{\"message\":\"Does not contain a valid address.\"}]}")));
        SendOutcome bad = transport
                .send(List.of(new Envelope(1, personal("a@example.org", "x", null))))
                .getFirst();
        sendgrid.stubFor(
                post(urlEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(503)));
        SendOutcome down = transport
                .send(List.of(new Envelope(2, personal("a@example.org", "x", null))))
                .getFirst();

        assertThat(bad.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.detail()).contains("Does not contain a valid address.");
        assertThat(down.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(down.code()).isEqualTo(503);
    }

    @Test
    void anInvalidAddressFailsOnlyItsOwnMessage() {
        accept("msg-3");

        List<SendOutcome> outcomes = transport.send(List.of(
                new Envelope(1, personal("broken <", "x", null)),
                new Envelope(2, personal("b@example.org", "x", null))));

        assertThat(outcomes).extracting(SendOutcome::kind).containsExactly(Kind.PERMANENT, Kind.SENT);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void anUnreachableApiIsTransientWithCodeZero() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (SendGridMailTransport offline = transport("http://127.0.0.1:" + closed)) {
            SendOutcome outcome = offline.send(List.of(new Envelope(1, personal("a@example.org", "x", null))))
                    .getFirst();

            assertThat(outcome.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(outcome.code()).isZero();
        }
    }

    private static void accept(String messageId) {
        sendgrid.stubFor(post(urlEqualTo("/v3/mail/send"))
                .willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", messageId)));
    }

    private static List<LoggedRequest> requests() {
        return sendgrid.findAll(postRequestedFor(urlEqualTo("/v3/mail/send")));
    }

    private static SendGridMailTransport transport(String baseUrl) {
        return new SendGridMailTransport(
                TestMessages.properties(Map.of(
                                "iabulk.delivery.sendgrid.api-key", "SG.test-key",
                                "iabulk.delivery.sendgrid.base-url", baseUrl,
                                "iabulk.delivery.sendgrid.timeout", "5s"))
                        .sendgrid(),
                TestMessages.messages(),
                JSON);
    }

    private static OutgoingMail personal(String to, String text, String unsubscribeUrl) {
        return new OutgoingMail(
                to,
                "News <news@example.com>",
                "help@example.com",
                "Hi",
                text,
                "<p>" + text + "</p>",
                unsubscribeUrl,
                Map.of("X-IABulk-Kind", "campaign"));
    }
}
