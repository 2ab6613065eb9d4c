package io.iabulk.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.iabulk.platform.GroupCommitter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of the engine: {@code iabulk.delivery.<outcome>} counters tagged with the
 * transport, {@code iabulk.delivery.circuit.state} (0 closed, 1 open, 2 half-open), and for the
 * group committer {@code delivery.results.pending} (per instance) and {@code
 * delivery.results.dropped} (outcomes that could not be recorded; their rows go the lease path).
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter droppedResults;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.droppedResults = Counter.builder("delivery.results.dropped")
                .description("Send outcomes that could not be recorded (their rows are re-sent or failed when"
                        + " their lease expires)")
                .register(registry);
    }

    void resultDropped(SendResult result) {
        droppedResults.increment();
    }

    void pendingResults(String instanceId, GroupCommitter<SendResult> committer) {
        Gauge.builder("delivery.results.pending", committer, GroupCommitter::pending)
                .description("Send outcomes waiting to be written")
                .tag("instance", instanceId)
                .register(registry);
    }

    /** Counts sends by what became of them: sent, retried, deferred, failed, bounced, suppressed. */
    void count(String outcome, String transport, int n) {
        if (n > 0) {
            counters.computeIfAbsent(
                            outcome + "/" + transport,
                            key -> Counter.builder("iabulk.delivery." + outcome)
                                    .tag("transport", transport)
                                    .register(registry))
                    .increment(n);
        }
    }

    void breaker(CircuitBreaker breaker) {
        Gauge.builder("iabulk.delivery.circuit.state", breaker, b -> switch (b.getState()) {
                    case CLOSED, DISABLED, METRICS_ONLY -> 0;
                    case OPEN, FORCED_OPEN -> 1;
                    case HALF_OPEN -> 2;
                })
                .tag("transport", breaker.getName())
                .strongReference(true)
                .register(registry);
    }
}
