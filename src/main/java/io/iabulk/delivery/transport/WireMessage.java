package io.iabulk.delivery.transport;

/**
 * A message exactly as it goes on the wire: CRLF line ends, DKIM-signed when signing is on.
 *
 * @param messageId the {@code Message-ID} with its angle brackets
 * @param envelopeFrom the bare address for {@code MAIL FROM}
 * @param recipient the bare address for {@code RCPT TO}
 * @param bytes the whole message, headers and body
 */
public record WireMessage(String messageId, String envelopeFrom, String recipient, byte[] bytes) {}
