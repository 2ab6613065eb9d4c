package io.iabulk.platform.internal;

import java.time.Duration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-delivers events between modules whose listener failed or was cut off by a crash (for example
 * a confirmation email while the SMTP relay was down), once they are a minute old.
 */
@Component
class EventRetries {

    private final IncompleteEventPublications incomplete;

    EventRetries(IncompleteEventPublications incomplete) {
        this.incomplete = incomplete;
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void tick() {
        incomplete.resubmitIncompletePublicationsOlderThan(Duration.ofMinutes(1));
    }
}
