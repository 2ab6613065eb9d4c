package io.iabulk.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Micrometer meters of the engine: {@code iabulk.delivery.<outcome>} counters tagged with the
 * transport, and {@code iabulk.delivery.circuit.state} (0 closed, 1 open, 2 half-open).
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
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
