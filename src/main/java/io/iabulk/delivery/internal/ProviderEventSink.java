package io.iabulk.delivery.internal;

import java.util.List;

/** Applies provider events to the send rows and the suppression list (the send queue implements it). */
public interface ProviderEventSink {

    /** Applies the events in one transaction; events of unknown sends are ignored. Idempotent. */
    void apply(List<ProviderEvent> events);
}
