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
        // One writer, results written in the order sent. A full queue blocks the worker handing
        // results over (it then claims nothing new): a worker that waits costs time, a result
        // dropped costs a message sent twice.
        // A result that cannot be recorded at all (a value the database refuses, isolated by the
        // committer; or what an outage leaves when the pool stops) is dropped here but not lost:
        // its row stays SENDING under this instance's lease, and once the lease expires the reaper
        // makes it UNKNOWN, sent again and counted as possibly duplicated (policy RESEND) or
        // FAILED (policy FAIL). A late outcome for it is still recorded (see JdbcSendResults).
        GroupCommitter<SendResult> committer = new GroupCommitter<>(
                "delivery-committer-" + instanceId,
                group -> results.write(group, instanceId, clock.instant()),
                GroupCommitter.Options.of(
                        settings.commit().interval(),
                        settings.commit().maxBatch(),
                        1,
                        settings.commit().capacity(),
                        GroupCommitter.WhenFull.BLOCK),
                metrics::resultDropped);
        metrics.pendingResults(instanceId, committer);
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
