package io.iabulk.platform;

/**
 * The client passed the rate limit of a public endpoint (429 with {@code Retry-After}). Public so
 * that a module rendering its own error pages (the participant pages) can answer it in HTML.
 */
public class TooManyRequestsException extends DomainException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super("rate-limited", "Too many requests from your address; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The whole seconds the client should wait before trying again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
