package io.iabulk.platform.internal;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-delivers events between modules whose listener failed or was cut off by a crash (for example
 * a confirmation email while the SMTP relay was down), once they are a minute old and this
 * instance has no backlog of listeners waiting to run ({@link ListenerExecution}).
 */
@Component
class EventRetries {

    private final IncompleteEventPublications incomplete;
    private final ListenerExecution listeners;

    EventRetries(IncompleteEventPublications incomplete, ListenerExecution listeners) {
        this.incomplete = incomplete;
        this.listeners = listeners;
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void tick() {
        if (listeners.waiting() > 0) {
            // a backlog after a burst: its events are waiting their turn here, and handing them over
            // again would handle them twice
            return;
        }
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
    }
}
