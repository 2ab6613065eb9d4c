package io.iabulk.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.ProviderEvent;
import io.iabulk.delivery.internal.ProviderEvent.Type;
import io.iabulk.platform.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The mapping of SendGrid's event kinds, and the webhook without a verification key: closed unless opened on purpose. */
class SendGridEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void eachDeliverabilityEventMapsToItsKindAndOthersAreIgnored() {
        String body = """
                [
                 {"event":"delivered","email":"a@x.org","send_id":"1","timestamp":1764122400},
                 {"event":"bounce","type":"bounce","email":"a@x.org","send_id":"2","reason":"550 unknown user"},
                 {"event":"bounce","type":"blocked","email":"a@x.org","send_id":"3","reason":"554 IP listed"},
                 {"event":"dropped","email":"a@x.org","send_id":4,"reason":"Bounced Address"},
                 {"event":"spamreport","email":"a@x.org","send_id":"5"},
                 {"event":"unsubscribe","email":"a@x.org","send_id":"6"},
                 {"event":"group_unsubscribe","email":"a@x.org","send_id":"7","asm_group_id":1},
                 {"event":"processed","email":"a@x.org","send_id":"8"},
                 {"event":"open","email":"a@x.org","send_id":"9"},
                 {"event":"deferred","email":"a@x.org","send_id":"10"},
                 {"event":"something_new","email":"a@x.org"},
                 {"email":"no-event@x.org"}
                ]
                """;

        List<ProviderEvent> events = SendGridEvents.parse(JSON, body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(events)
                .extracting(ProviderEvent::type, ProviderEvent::sendId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Type.DELIVERED, 1L),
                        org.assertj.core.groups.Tuple.tuple(Type.BOUNCED, 2L),
                        org.assertj.core.groups.Tuple.tuple(Type.DROPPED, 3L),
                        org.assertj.core.groups.Tuple.tuple(Type.DROPPED, 4L),
                        org.assertj.core.groups.Tuple.tuple(Type.COMPLAINED, 5L),
                        org.assertj.core.groups.Tuple.tuple(Type.UNSUBSCRIBED, 6L),
                        org.assertj.core.groups.Tuple.tuple(Type.UNSUBSCRIBED, 7L));
        assertThat(events.get(0).at()).isEqualTo(Instant.ofEpochSecond(1764122400));
        assertThat(events.get(1).at()).isEqualTo(NOW);
        assertThat(events.get(1).reason()).isEqualTo("550 unknown user");
    }

    @Test
    void aMissingOrForeignSendIdIsZero() {
        String body = "[{\"event\":\"delivered\",\"email\":\"a@x.org\",\"sg_message_id\":\"abc.filter1\"},"
                + "{\"event\":\"delivered\",\"email\":\"a@x.org\",\"send_id\":\"not-ours\"}]";

        List<ProviderEvent> events = SendGridEvents.parse(JSON, body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(events).extracting(ProviderEvent::sendId).containsExactly(0L, 0L);
        assertThat(events.getFirst().providerMessageId()).isEqualTo("abc");
    }

    @Test
    void aBodyThatIsNotAnArrayOfObjectsIsMalformed() {
        for (String body : List.of("{", "{}", "[1, 2]", "\"text\"")) {
            assertThatThrownBy(() -> SendGridEvents.parse(JSON, body.getBytes(StandardCharsets.UTF_8), NOW))
                    .as(body)
                    .isInstanceOf(MalformedWebhookException.class);
        }
    }

    @Test
    void byDefaultTheWebhookIsClosedAndNothingReachesTheSink() {
        SendGridWebhookTest.RecordingSink sink = new SendGridWebhookTest.RecordingSink();
        SendGridWebhookController controller = controller(Map.of(), sink);

        assertThatThrownBy(() -> controller.events(SPAM_REPORT, null, null)).isInstanceOf(NotFoundException.class);
        assertThat(sink.events).isEmpty();
    }

    @Test
    void unsignedPostsAreAcceptedOnlyWhenAcceptedOnPurpose() {
        SendGridWebhookTest.RecordingSink sink = new SendGridWebhookTest.RecordingSink();
        SendGridWebhookController controller =
                controller(Map.of("iabulk.delivery.webhook.sendgrid-accept-unsigned", "true"), sink);

        Map<String, Integer> answer = controller.events(SPAM_REPORT, null, null);

        assertThat(answer).containsEntry("applied", 1);
        assertThat(sink.events).extracting(ProviderEvent::type).containsExactly(Type.COMPLAINED);
    }

    private static final byte[] SPAM_REPORT =
            "[{\"event\":\"spamreport\",\"email\":\"a@x.org\",\"send_id\":\"12\"}]".getBytes(StandardCharsets.UTF_8);

    private static SendGridWebhookController controller(
            Map<String, String> settings, SendGridWebhookTest.RecordingSink sink) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("sink", sink));
        DeliveryProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("iabulk.delivery", Bindable.of(DeliveryProperties.class));
        return new SendGridWebhookController(
                properties,
                beans.getBeanProvider(io.iabulk.delivery.internal.ProviderEventSink.class),
                JSON,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aSignatureOverTheTimestampAndBodyVerifies() throws Exception {
        SendGridSignature signature = new SendGridSignature(
                java.util.Base64.getEncoder()
                        .encodeToString(Keys.PAIR.getPublic().getEncoded()),
                java.time.Duration.ofMinutes(10));
        String timestamp = Long.toString(NOW.getEpochSecond());
        String body = "[{\"event\":\"delivered\"}]";
        String signed = Keys.sign(timestamp, body);

        signature.verify(signed, timestamp, body.getBytes(StandardCharsets.UTF_8), NOW);
        assertThatThrownBy(
                        () -> signature.verify(signed, timestamp, (body + " ").getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(WebhookSignatureException.class);
        assertThatThrownBy(() -> signature.verify(
                        signed, Long.toString(NOW.getEpochSecond() + 1), body.getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(WebhookSignatureException.class);
        assertThatThrownBy(() -> signature.verify("bm90IGEgc2lnbmF0dXJl", timestamp, new byte[0], NOW))
                .isInstanceOf(WebhookSignatureException.class)
                .matches(e -> !((WebhookSignatureException) e).missing());
    }

    /** An EC key pair of the tests' "SendGrid". */
    static final class Keys {

        static final java.security.KeyPair PAIR = SendGridWebhookTest.ecKeys();

        static String sign(String timestamp, String body) throws Exception {
            java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(PAIR.getPrivate());
            ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().encodeToString(ecdsa.sign());
        }
    }
}
