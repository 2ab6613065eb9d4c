package io.iabulk.platform;

import java.io.IOException;

/**
 * A request body grew past its limit while it was being read (thrown by {@link
 * LimitedInputStream}; a body read by Spring MVC becomes a 413 problem).
 */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
