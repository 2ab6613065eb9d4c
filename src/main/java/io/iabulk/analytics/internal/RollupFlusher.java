package io.iabulk.analytics.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Writes the in-memory rollup counts about every second, and once more at shutdown. */
@Component
class RollupFlusher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RollupFlusher.class);

    private final RollupCounter counter;
    private volatile boolean running;

    RollupFlusher(RollupCounter counter) {
        this.counter = counter;
    }

    @Scheduled(fixedDelayString = "${iabulk.analytics.flush-interval:1s}")
    void scheduled() {
        try {
            counter.flush();
        } catch (RuntimeException e) {
            log.warn("Rollup flush failed; the counts are kept for the next one: {}", e.toString());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        counter.flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stopped after every producer (delivery workers, tracking hit writers, the web server draining
     * its requests all stop in higher phases), so the last counts they make are still flushed.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }
}
