package io.iabulk.platform.web;

import java.io.IOException;

/** A request body grew past the configured limit while it was being read. */
class PayloadTooLargeException extends IOException {

    final long limit;

    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }
}
