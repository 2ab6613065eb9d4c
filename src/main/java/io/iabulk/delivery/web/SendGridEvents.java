package io.iabulk.delivery.web;

import io.iabulk.delivery.internal.ProviderEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads SendGrid's event webhook payload (a JSON array of events) into {@link ProviderEvent}s.
 * Events that say nothing about deliverability (processed, deferred, open, click, ...) are left
 * out.
 */
final class SendGridEvents {

    private SendGridEvents() {}

    /**
     * The events that matter, in the order SendGrid sent them.
     *
     * @throws MalformedWebhookException when the body is not a JSON array
     */
    static List<ProviderEvent> parse(JsonMapper json, byte[] body, Instant now) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedWebhookException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new MalformedWebhookException("The body must be a JSON array of SendGrid events");
        }
        List<ProviderEvent> events = new ArrayList<>(root.size());
        for (JsonNode event : root) {
            if (!event.isObject()) {
                throw new MalformedWebhookException("Every element of the array must be an event object");
            }
            ProviderEvent.Type type = type(event);
            if (type != null) {
                events.add(new ProviderEvent(
                        type,
                        sendId(event.get("send_id")),
                        messageId(text(event, "sg_message_id")),
                        text(event, "email"),
                        reason(event),
                        at(event.get("timestamp"), now)));
            }
        }
        return events;
    }

    /**
     * A {@code bounce} of type {@code blocked} is the receiving server refusing the sender (IP or
     * content reputation), not a dead address: it fails the send without suppressing the contact.
     */
    private static ProviderEvent.Type type(JsonNode event) {
        String name = text(event, "event");
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "delivered" -> ProviderEvent.Type.DELIVERED;
            case "bounce" ->
                "blocked".equalsIgnoreCase(text(event, "type"))
                        ? ProviderEvent.Type.DROPPED
                        : ProviderEvent.Type.BOUNCED;
            case "blocked", "dropped" -> ProviderEvent.Type.DROPPED;
            case "spamreport" -> ProviderEvent.Type.COMPLAINED;
            case "unsubscribe", "group_unsubscribe" -> ProviderEvent.Type.UNSUBSCRIBED;
            default -> null;
        };
    }

    private static String reason(JsonNode event) {
        String reason = text(event, "reason");
        if (reason == null) {
            reason = text(event, "response");
        }
        String status = text(event, "status");
        return status != null && reason != null && !reason.startsWith(status) ? status + " " + reason : reason;
    }

    /** Our custom argument: a string (as we send it) or a number; 0 when absent or not an id. */
    private static long sendId(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return Math.max(0, node.asLong());
        }
        if (node.isString()) {
            try {
                return Math.max(0, Long.parseLong(node.asString().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /**
     * {@code sg_message_id} is the {@code X-Message-Id} of the request followed by {@code
     * .filter…}: its first part is the provider message id the transport recorded.
     */
    static String messageId(String sgMessageId) {
        if (sgMessageId == null) {
            return null;
        }
        int dot = sgMessageId.indexOf('.');
        return dot > 0 ? sgMessageId.substring(0, dot) : sgMessageId;
    }

    private static Instant at(JsonNode timestamp, Instant now) {
        return timestamp != null && timestamp.isNumber() ? Instant.ofEpochSecond(timestamp.asLong()) : now;
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        return node == null || node.isNull() ? null : node.isString() ? node.asString() : node.toString();
    }
}
