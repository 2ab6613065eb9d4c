package io.iabulk.delivery.web;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.ProviderEvent;
import io.iabulk.delivery.internal.ProviderEventSink;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PublicEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives SendGrid's event webhook (bounces, drops, spam reports, unsubscribes, deliveries) and
 * hands the events to the send queue. Public (SendGrid has no admin key), rate-limited in the
 * {@code webhooks} group, and verified by SendGrid's signature. Unless SendGrid is the transport and
 * a verification key is set (or unsigned posts are accepted on purpose, in development), it answers
 * 404: an open webhook would let anyone suppress every contact with forged spam reports.
 */
@RestController
@PublicEndpoint("webhooks")
class SendGridWebhookController {

    private static final Logger log = LoggerFactory.getLogger(SendGridWebhookController.class);

    private final boolean served;
    private final SendGridSignature signature;
    private final ObjectProvider<ProviderEventSink> sink;
    private final JsonMapper json;
    private final Clock clock;

    SendGridWebhookController(
            DeliveryProperties properties, ObjectProvider<ProviderEventSink> sink, JsonMapper json, Clock clock) {
        DeliveryProperties.Webhook webhook = properties.webhook();
        this.served = webhook.sendgridServed(properties.sendgrid());
        if (properties.sendgrid().enabled() && !served) {
            log.warn("The SendGrid event webhook is off (404): set iabulk.delivery.webhook.sendgrid-verification-key"
                    + " to SendGrid's verification key to receive bounces and complaints");
        }
        this.signature = webhook.sendgridVerified()
                ? new SendGridSignature(webhook.sendgridVerificationKey(), webhook.sendgridMaxSkew())
                : null;
        this.sink = sink;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A batch of SendGrid events; answers how many were applied (other kinds are ignored) and how
     * many were skipped as unusable (an impossible timestamp, a NUL).
     */
    @PostMapping("/api/v1/webhooks/sendgrid")
    Map<String, Integer> events(
            @RequestBody byte[] body,
            @RequestHeader(name = SendGridSignature.SIGNATURE, required = false) String signed,
            @RequestHeader(name = SendGridSignature.TIMESTAMP, required = false) String timestamp) {
        if (!served) {
            throw new NotFoundException("Endpoint", "/api/v1/webhooks/sendgrid");
        }
        if (signature != null) {
            signature.verify(signed, timestamp, body, clock.instant());
        }
        SendGridEvents.Batch batch = SendGridEvents.read(json, body, clock.instant());
        List<ProviderEvent> events = batch.events();
        if (!events.isEmpty()) {
            ProviderEventSink target = sink.getIfAvailable();
            if (target == null) {
                throw new WebhookProblems.SinkUnavailableException(
                        "This instance cannot apply provider events yet; SendGrid will retry");
            }
            target.apply(events);
        }
        return Map.of("applied", events.size(), "skipped", batch.skipped());
    }
}
