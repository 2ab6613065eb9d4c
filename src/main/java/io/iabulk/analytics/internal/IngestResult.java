package io.iabulk.analytics.internal;

import java.util.List;

/**
 * The answer to an ingestion request.
 *
 * @param accepted valid events stored now
 * @param duplicates valid events whose id was already stored for their day (or came earlier in the
 *     same request)
 * @param errors the invalid events, by index, in index order
 */
public record IngestResult(int accepted, int duplicates, List<Error> errors) {

    /** Why the event at {@code index} was not stored. */
    public record Error(int index, String message) {}
}
