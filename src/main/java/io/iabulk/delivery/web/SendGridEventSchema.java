package io.iabulk.delivery.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The members of a SendGrid webhook event that the service reads, for the API documentation only:
 * the body is read as a tree by {@link SendGridEvents}, never bound to this type. SendGrid sends
 * more members; they are ignored.
 */
@Schema(
        name = "SendGridEvent",
        description = "One event of SendGrid's Event Webhook, as SendGrid posts it (other members are ignored)")
record SendGridEventSchema(
        @Schema(
                description = "The kind; `processed`, `deferred`, `open`, `click` and others are ignored",
                requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {
                    "delivered",
                    "bounce",
                    "blocked",
                    "dropped",
                    "spamreport",
                    "unsubscribe",
                    "group_unsubscribe"
                })
        String event,

        @Schema(description = "The recipient") String email,

        @Schema(
                description = "Unix time in seconds; an event outside 1970 to 9999 is skipped",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Long timestamp,

        @Schema(description = "SendGrid's id of the message")
        String sg_message_id,

        @Schema(description = "The send id this service attached as a custom argument")
        String send_id,

        @Schema(description = "For a `bounce`: `blocked` means the server refused the sender, not the address")
        String type,

        @Schema(description = "The SMTP status of a bounce") String status,

        @Schema(description = "Why it bounced or was dropped")
        String reason) {}
