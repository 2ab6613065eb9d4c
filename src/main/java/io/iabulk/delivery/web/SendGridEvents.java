package io.iabulk.delivery.web;

import io.iabulk.delivery.internal.ProviderEvent;
import io.iabulk.platform.Instants;
import io.iabulk.platform.Texts;
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
 * out. An event whose {@code timestamp} is not Unix seconds between 1970 and 9999, or whose text
 * holds a NUL (which the database refuses), is skipped and counted: it would otherwise fail the
 * whole batch, which SendGrid would then post again and again.
 */
final class SendGridEvents {

    /** The events to apply, and how many deliverability events were skipped as unusable. */
    record Batch(List<ProviderEvent> events, int skipped) {}

    private SendGridEvents() {}

    /**
     * The events that matter, in the order SendGrid sent them.
     *
     * @throws MalformedWebhookException when the body is not a JSON array
     */
    static List<ProviderEvent> parse(JsonMapper json, byte[] body, Instant now) {
        return read(json, body, now).events();
    }

    /**
     * The events that matter, in the order SendGrid sent them, and the count of unusable ones.
     *
     * @throws MalformedWebhookException when the body is not a JSON array
     */
    static Batch read(JsonMapper json, byte[] body, Instant now) {
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
        int skipped = 0;
        for (JsonNode event : root) {
            if (!event.isObject()) {
                throw new MalformedWebhookException("Every element of the array must be an event object");
            }
            ProviderEvent.Type type = type(event);
            if (type == null) {
                continue;
            }
            Instant at = at(event.get("timestamp"), now);
            String messageId = messageId(text(event, "sg_message_id"));
            String email = text(event, "email");
            String reason = reason(event);
            if (at == null || !Texts.storable(messageId) || !Texts.storable(email) || !Texts.storable(reason)) {
                skipped++;
            } else {
                events.add(new ProviderEvent(type, sendId(event.get("send_id")), messageId, email, reason, at));
            }
        }
        return new Batch(events, skipped);
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

    /**
     * Our custom argument: a string (as we send it) or a number; 0 when absent or not an id (also
     * beyond {@code long}), so only the provider message id can match.
     */
    private static long sendId(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? Math.max(0, node.asLong()) : 0;
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

    /** Unix seconds; now when absent; null when not seconds the service can store (1e20, 2^63 - 1). */
    private static Instant at(JsonNode timestamp, Instant now) {
        if (timestamp == null || timestamp.isNull()) {
            return now;
        }
        if (timestamp.isIntegralNumber()) {
            return timestamp.canConvertToLong() ? Instants.ofEpochSecondOrNull(timestamp.asLong()) : null;
        }
        if (timestamp.isNumber()) {
            double seconds = timestamp.asDouble(); // (long) of a huge double is Long.MAX_VALUE: out of range
            return Double.isFinite(seconds) ? Instants.ofEpochSecondOrNull((long) seconds) : null;
        }
        return null;
    }

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        return node == null || node.isNull() ? null : node.isString() ? node.asString() : node.toString();
    }
}
