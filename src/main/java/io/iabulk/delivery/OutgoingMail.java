package io.iabulk.delivery;

import java.util.Map;

/**
 * One email to one recipient, rendered and ready for the wire.
 *
 * @param to the address exactly as the person gave it
 * @param from the sender, e.g. {@code "IA Bulk <no-reply@example.com>"}
 * @param replyTo the {@code Reply-To} address, or null
 * @param subject the subject (any characters; encoded per RFC 2047 when not ASCII)
 * @param text the plain-text part
 * @param html the HTML part, or null for a text-only message
 * @param unsubscribeUrl the one-click unsubscribe link for {@code List-Unsubscribe}, or null for
 *     mail that has none (confirmations)
 * @param headers extra headers, e.g. {@code X-IABulk-Kind}
 */
public record OutgoingMail(
        String to,
        String from,
        String replyTo,
        String subject,
        String text,
        String html,
        String unsubscribeUrl,
        Map<String, String> headers) {

    public OutgoingMail {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A message without {@code Reply-To} and without an unsubscribe link. */
    public OutgoingMail(String to, String from, String subject, String text, String html, Map<String, String> headers) {
        this(to, from, null, subject, text, html, null, headers);
    }

    /** The domain of the recipient, lower-cased: the key of per-domain throttling. */
    public String recipientDomain() {
        int at = to.lastIndexOf('@');
        return at < 0
                ? ""
                : to.substring(at + 1).toLowerCase(java.util.Locale.ROOT).replace(">", "");
    }
}
