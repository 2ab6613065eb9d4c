package io.iabulk.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MessageRenderer;
import io.iabulk.platform.GroupCommitter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Builds worker pools: the instance's own (see {@link DeliveryEngine}), or more in tests. */
@Component
public class DeliveryWorkers {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);

    private final JdbcSendQueue queue;
    private final JdbcSendResults results;
    private final JdbcSendCampaigns campaigns;
    private final SendSignal signal;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;

    DeliveryWorkers(
            JdbcSendQueue queue,
            JdbcSendResults results,
            JdbcSendCampaigns campaigns,
            SendSignal signal,
            DeliveryMetrics metrics,
            DeliveryProperties properties,
            Clock clock) {
        this.queue = queue;
        this.results = results;
        this.campaigns = campaigns;
        this.signal = signal;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** A pool with its own committer, rate limits, domain limits and circuit breaker. */
    public DeliveryWorker create(String instanceId, MessageRenderer renderer, MailTransport transport) {
        return create(instanceId, renderer, transport, properties);
    }

    /** The same with other settings (tests). */
    public DeliveryWorker create(
            String instanceId, MessageRenderer renderer, MailTransport transport, DeliveryProperties settings) {
        CircuitBreaker breaker = breaker(transport.name(), settings.breaker());
        metrics.breaker(breaker);
        SendPipeline pipeline = new SendPipeline(transport, breaker, settings, metrics, clock);
        // one writer, unbounded: results must never be dropped, and are written in the order sent
        GroupCommitter<SendResult> committer = new GroupCommitter<>(
                "delivery-committer-" + instanceId,
                group -> results.write(group, instanceId, clock.instant()),
                settings.commit().interval(),
                settings.commit().maxBatch(),
                1,
                Integer.MAX_VALUE);
        SendLanes lanes = new SendLanes(campaigns, settings.maxRatePerSecond(), clock);
        return new DeliveryWorker(instanceId, queue, renderer, pipeline, lanes, committer, signal, settings, clock);
    }

    private static CircuitBreaker breaker(String name, DeliveryProperties.Breaker settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build();
        CircuitBreaker breaker = CircuitBreaker.of(name, config);
        breaker.getEventPublisher()
                .onStateTransition(
                        event -> log.warn("Circuit breaker of the {} transport: {}", name, event.getStateTransition()));
        return breaker;
    }
}
