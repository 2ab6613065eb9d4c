package io.iabulk.tracking.internal;

import io.iabulk.tracking.SignedClick;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * An open or click request, waiting to be recorded.
 *
 * @param sendId the send of the token
 * @param click the click's signed fields, or null for an open
 * @param clientIp the client's address
 * @param userAgent its user agent, or null
 * @param at when it arrived
 * @param eventId the id of its raw event
 * @param recorded completes once the hit's group has committed: true, or false when there is no
 *     such send (nothing was recorded)
 */
public record Hit(
        long sendId,
        SignedClick click,
        String clientIp,
        String userAgent,
        Instant at,
        String eventId,
        CompletableFuture<Boolean> recorded) {

    boolean isClick() {
        return click != null;
    }

    /** What logs may show of a hit: not the client's address or agent. */
    @Override
    public String toString() {
        return (isClick() ? "click" : "open") + " of send " + sendId + " (event " + eventId + ")";
    }
}
