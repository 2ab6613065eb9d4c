package io.iabulk.platform.web;

import io.iabulk.platform.DomainException;

/** The client passed its rate limit (429 with {@code Retry-After}). */
class TooManyRequestsException extends DomainException {

    private final long retryAfterSeconds;

    TooManyRequestsException(long retryAfterSeconds) {
        super("rate-limited", "Too many requests from your address; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
