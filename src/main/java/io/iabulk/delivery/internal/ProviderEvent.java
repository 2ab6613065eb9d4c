package io.iabulk.delivery.internal;

import java.time.Instant;

/**
 * Something a provider reported about a message after it was accepted (SendGrid's event webhook).
 *
 * @param sendId the {@code email_sends} id carried in the message's custom arguments, or 0 when
 *     only the provider message id is known
 * @param providerMessageId the provider's id of the message, or null
 * @param email the recipient address the provider reports
 * @param reason the provider's words (bounce reason), or null
 */
public record ProviderEvent(Type type, long sendId, String providerMessageId, String email, String reason, Instant at) {

    public enum Type {
        DELIVERED,
        /** Hard bounce: fails the send and suppresses the contact as BOUNCED. */
        BOUNCED,
        /** The provider dropped it (earlier bounce, invalid address): fails the send. */
        DROPPED,
        /** Spam report: suppresses the contact as COMPLAINED. */
        COMPLAINED,
        /** Unsubscribed at the provider: suppresses the contact as UNSUBSCRIBED. */
        UNSUBSCRIBED
    }
}
