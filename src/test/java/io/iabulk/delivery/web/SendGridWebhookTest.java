package io.iabulk.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.internal.ProviderEvent;
import io.iabulk.delivery.internal.ProviderEventSink;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SendGrid's signed event webhook over HTTP, with a sink that records what reaches it. */
@Import(SendGridWebhookTest.Sink.class)
class SendGridWebhookTest extends HttpTest {

    private static final KeyPair SENDGRID = ecKeys();
    private static final String PATH = "/api/v1/webhooks/sendgrid";

    @Autowired
    RecordingSink sink;

    @DynamicPropertySource
    static void verificationKey(DynamicPropertyRegistry registry) {
        registry.add(
                "iabulk.delivery.webhook.sendgrid-verification-key",
                () -> Base64.getEncoder().encodeToString(SENDGRID.getPublic().getEncoded()));
    }

    @Test
    void aSignedBatchReachesTheSinkAsProviderEvents() throws Exception {
        String sendId = Long.toString(System.nanoTime());
        String body = """
                [
                  {"email":"ann@example.org","timestamp":1764122400,"event":"bounce","type":"bounce",
                   "reason":"550 5.1.1 no such user","status":"5.1.1","send_id":"%s",
                   "sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"},
                  {"email":"ann@example.org","timestamp":1764122401,"event":"processed","send_id":"%s"},
                  {"email":"bo@example.org","timestamp":1764122402,"event":"spamreport","send_id":"%s"}
                ]
                """.formatted(sendId, sendId, sendId);

        Api.Response response = signed(body, Instant.now());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("applied").asInt()).isEqualTo(2);
        List<ProviderEvent> events = sink.events.stream()
                .filter(e -> e.sendId() == Long.parseLong(sendId))
                .toList();
        assertThat(events)
                .extracting(ProviderEvent::type)
                .containsExactly(ProviderEvent.Type.BOUNCED, ProviderEvent.Type.COMPLAINED);
        ProviderEvent bounce = events.getFirst();
        assertThat(bounce.providerMessageId()).isEqualTo("14c5d75ce93");
        assertThat(bounce.email()).isEqualTo("ann@example.org");
        assertThat(bounce.reason()).isEqualTo("5.1.1 550 5.1.1 no such user");
        assertThat(bounce.at()).isEqualTo(Instant.ofEpochSecond(1764122400));
    }

    @Test
    void aTamperedBodyIsRefusedWith403AndNothingIsApplied() throws Exception {
        String sendId = Long.toString(System.nanoTime());
        String body = "[{\"email\":\"a@example.org\",\"event\":\"delivered\",\"send_id\":\"" + sendId + "\"}]";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature = sign(timestamp, body);

        Api.Response response = api.with(SendGridSignature.SIGNATURE, signature)
                .with(SendGridSignature.TIMESTAMP, timestamp)
                .post(PATH, body.replace("delivered", "spamreport"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:webhook-signature");
        assertThat(sink.events).noneMatch(e -> e.sendId() == Long.parseLong(sendId));
    }

    @Test
    void anUnsignedPostIsRefusedWith401WhenAKeyIsConfigured() {
        Api.Response response = api.post(PATH, "[{\"email\":\"a@example.org\",\"event\":\"delivered\"}]");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:webhook-unsigned");
    }

    @Test
    void anOldSignatureIsRefusedAsAReplay() throws Exception {
        Api.Response response = signed("[]", Instant.now().minusSeconds(3_600));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void aSignedButMalformedBodyIsA400Problem() throws Exception {
        Api.Response notJson = signed("[{\"event\":", Instant.now());
        Api.Response notArray = signed("{\"event\":\"bounce\"}", Instant.now());

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("type").asString()).isEqualTo("urn:iabulk:problem:malformed-webhook");
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(notArray.json().get("detail").asString()).contains("JSON array");
    }

    private Api.Response signed(String body, Instant when) throws Exception {
        String timestamp = Long.toString(when.getEpochSecond());
        return api.with(SendGridSignature.SIGNATURE, sign(timestamp, body))
                .with(SendGridSignature.TIMESTAMP, timestamp)
                .post(PATH, body);
    }

    static String sign(String timestamp, String body) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(SENDGRID.getPrivate());
        ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stands in for the send queue, which implements the sink on the engine's branch. */
    static class RecordingSink implements ProviderEventSink {

        final List<ProviderEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void apply(List<ProviderEvent> batch) {
            events.addAll(batch);
        }
    }

    @TestConfiguration
    static class Sink {

        @Bean
        @org.springframework.context.annotation.Primary
        RecordingSink recordingSink() {
            return new RecordingSink();
        }
    }
}
