package io.iabulk.delivery.web;

/**
 * A webhook post whose origin cannot be trusted: unsigned (401) or signed wrongly or too long ago
 * (403). Mapped by {@link WebhookProblems}.
 */
class WebhookSignatureException extends RuntimeException {

    private final boolean missing;

    WebhookSignatureException(boolean missing, String message) {
        super(message);
        this.missing = missing;
    }

    /** True when the signature headers were absent, false when they were wrong. */
    boolean missing() {
        return missing;
    }
}
