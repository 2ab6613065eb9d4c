package io.iabulk.contests.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends active contests when their scheduled end passes (a signup after it is refused anyway). */
@Component
class ContestScheduler {

    private final ContestCatalog contests;

    ContestScheduler(ContestCatalog contests) {
        this.contests = contests;
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 5_000)
    void tick() {
        runOnce();
    }

    java.util.List<Long> runOnce() {
        return contests.endOverdue();
    }
}
