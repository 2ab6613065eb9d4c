package io.iabulk.delivery;

import java.util.Map;

/**
 * One email to one recipient.
 *
 * @param to the address exactly as the person gave it
 * @param from the sender, e.g. {@code "IA Bulk <no-reply@example.com>"}
 * @param text the plain-text part
 * @param html the HTML part, or null for a text-only message
 * @param headers extra headers, e.g. {@code List-Unsubscribe}
 */
public record OutgoingMail(
        String to, String from, String subject, String text, String html, Map<String, String> headers) {

    public OutgoingMail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
