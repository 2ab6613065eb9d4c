package io.iabulk.analytics.web;

import io.iabulk.platform.DomainException;

/** An ingestion body with more events than one request may carry (413, see {@link EventController}). */
class TooManyEventsException extends DomainException {

    private final int limit;

    TooManyEventsException(int limit) {
        super(
                "too-many-events",
                "The body holds more than " + limit + " events; send at most " + limit + " per request");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}
