package io.iabulk.delivery.internal;

/**
 * What a transport made of one message.
 *
 * @param providerMessageId the id to match later provider events with ({@code Message-ID} for SMTP,
 *     {@code X-Message-Id} for SendGrid), or null when not sent
 * @param code the SMTP reply code or HTTP status, 0 when there was none (connection failure)
 * @param detail the server's words, for the send row's error column
 */
public record SendOutcome(Kind kind, String providerMessageId, int code, String detail) {

    public enum Kind {
        /** Accepted by the receiving server or provider. */
        SENT,
        /** Try again later: SMTP 4xx, HTTP 429/5xx, timeouts, lost connections. */
        TRANSIENT,
        /** Never going to work for this recipient: SMTP 5xx, HTTP 4xx. */
        PERMANENT
    }

    public static SendOutcome sent(String providerMessageId) {
        return new SendOutcome(Kind.SENT, providerMessageId, 250, null);
    }

    public static SendOutcome transientFailure(int code, String detail) {
        return new SendOutcome(Kind.TRANSIENT, null, code, detail);
    }

    public static SendOutcome permanentFailure(int code, String detail) {
        return new SendOutcome(Kind.PERMANENT, null, code, detail);
    }
}
