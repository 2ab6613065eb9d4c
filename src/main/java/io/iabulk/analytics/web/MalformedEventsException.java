package io.iabulk.analytics.web;

import io.iabulk.platform.DomainException;

/** An ingestion body that is not JSON (or NDJSON) at all (400). */
class MalformedEventsException extends DomainException {

    MalformedEventsException(String message) {
        super("malformed-body", message);
    }
}
