package io.iabulk.delivery.web;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.ProviderEvent;
import io.iabulk.delivery.internal.ProviderEventSink;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Webhooks")
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
    @Operation(
            summary = "Receive SendGrid's event webhook",
            description = "For SendGrid only: point its Event Webhook here and enable its signed posts. `bounce`, "
                    + "`blocked`, `dropped`, `spamreport`, `unsubscribe`, `group_unsubscribe` and `delivered` "
                    + "events are applied (bounces and complaints suppress the contact); other kinds are ignored, "
                    + "unusable ones skipped and counted. Served only when SendGrid is the transport and its "
                    + "verification key is set (else 404).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            array =
                                                    @ArraySchema(
                                                            schema =
                                                                    @Schema(
                                                                            implementation =
                                                                                    SendGridEventSchema.class)),
                                            examples =
                                                    @ExampleObject(
                                                            name = "bounce",
                                                            value = "[{\"email\": \"ada@example.com\", "
                                                                    + "\"event\": \"bounce\", \"timestamp\": "
                                                                    + "1764151530, \"sg_message_id\": "
                                                                    + "\"14c5d75ce93.dfd.64b469.filter0001."
                                                                    + "16648.5515E0B88.0\", \"send_id\": \"4711\","
                                                                    + " \"status\": \"5.1.1\", \"reason\": "
                                                                    + "\"550 5.1.1 user unknown\"}]"))))
    @ApiResponse(
            responseCode = "200",
            description = "How many events were applied and how many skipped as unusable",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = "object",
                                            requiredProperties = {"applied", "skipped"}),
                            schemaProperties = {
                                @SchemaProperty(name = "applied", schema = @Schema(type = "integer")),
                                @SchemaProperty(name = "skipped", schema = @Schema(type = "integer"))
                            }))
    @ApiResponse(responseCode = "401", description = "The post is not signed")
    @ApiResponse(responseCode = "403", description = "The signature is wrong or too old")
    @ApiResponse(responseCode = "404", description = "The webhook is off on this service")
    @ApiResponse(
            responseCode = "503",
            description = "This instance cannot apply provider events yet; SendGrid retries later")
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
