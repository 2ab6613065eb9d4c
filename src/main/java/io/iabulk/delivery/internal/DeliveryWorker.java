package io.iabulk.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.RenderResult;
import io.iabulk.platform.GroupCommitter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of send workers (virtual threads) of one instance. Each loops: claim a batch of due rows
 * (leased), render it, send it through the transport, and hand the results to the group committer.
 * Idle workers back off from the poll interval to its maximum. {@link #runOnce()} steps one cycle
 * synchronously, results written, for tests.
 */
public final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** A cycle that claimed nothing because a rate limit is spent (not because nothing is due). */
    private static final int THROTTLED = -1;

    private final String instanceId;
    private final JdbcSendQueue queue;
    private final MessageRenderer renderer;
    private final SendPipeline pipeline;
    private final SendLanes lanes;
    private final CircuitBreaker breaker;
    private final GroupCommitter<SendResult> committer;
    private final SendSignal signal;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    DeliveryWorker(
            String instanceId,
            JdbcSendQueue queue,
            MessageRenderer renderer,
            SendPipeline pipeline,
            SendLanes lanes,
            GroupCommitter<SendResult> committer,
            SendSignal signal,
            DeliveryProperties properties,
            Clock clock) {
        this.instanceId = instanceId;
        this.queue = queue;
        this.renderer = renderer;
        this.pipeline = pipeline;
        this.lanes = lanes;
        this.breaker = pipeline.breaker();
        this.committer = committer;
        this.signal = signal;
        this.properties = properties;
        this.clock = clock;
    }

    public String instanceId() {
        return instanceId;
    }

    /** The circuit breaker of this pool's transport. */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** One cycle, its results written before it returns; the number of rows claimed. */
    public int runOnce() {
        int claimed = cycle();
        committer.flush();
        return Math.max(0, claimed);
    }

    /** Starts the worker threads and the committer. */
    public synchronized void start(int workers) {
        if (running) {
            return;
        }
        running = true;
        committer.start();
        for (int i = 0; i < workers; i++) {
            // platform threads: a worker spends its time in SMTP request/reply round trips, and a
            // virtual thread pays a poller registration, a park and an unpark (epoll and futex
            // system calls) for every reply it waits for; measured, that was half the JVM's CPU
            threads.add(Thread.ofPlatform()
                    .daemon(true)
                    .name("delivery-worker-" + instanceId + "-" + i)
                    .start(this::loop));
        }
        log.info("{} delivery workers started on instance {}", workers, instanceId);
    }

    /** Stops claiming, lets the batches in flight finish, and writes their results. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal.wake();
        try {
            // one deadline for all: a worker may wait for room in the committer's queue, which
            // does not come while the database is away (its sends then go the lease path anyway)
            long deadline = System.nanoTime() + properties.lease().toNanos();
            for (Thread thread : threads) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            committer.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
        log.info("Delivery workers of instance {} stopped", instanceId);
    }

    private void loop() {
        Duration idle = properties.poll().interval();
        while (running) {
            int claimed;
            try {
                claimed = cycle();
            } catch (RuntimeException e) {
                log.warn("Delivery cycle failed: {}", e.toString());
                claimed = 0;
            }
            try {
                if (claimed > 0) {
                    idle = properties.poll().interval();
                } else if (claimed == THROTTLED) {
                    Thread.sleep(20);
                } else {
                    signal.await(idle);
                    idle = min(idle.multipliedBy(2), properties.poll().maxInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Claims from the first lane that has due rows, and sends them; returns the rows claimed. */
    int cycle() {
        if (!breaker.tryAcquirePermission()) {
            return 0; // the transport is down: claim nothing, burn no attempt
        }
        boolean called = false;
        boolean throttled = false;
        try {
            for (Long lane : lanes.order()) {
                int permits = lanes.permits(lane, properties.claimBatch());
                if (permits == 0) {
                    throttled = true;
                    continue;
                }
                Instant now = clock.instant();
                List<QueuedSend> claimed = queue.claim(lane, permits, instanceId, now.plus(properties.lease()), now);
                lanes.refund(lane, permits - claimed.size());
                if (!claimed.isEmpty()) {
                    called = send(claimed);
                    return claimed.size();
                }
            }
            return throttled ? THROTTLED : 0;
        } finally {
            if (!called) {
                breaker.releasePermission();
            }
        }
    }

    /** Renders and sends a claimed batch; true when the transport was called. */
    private boolean send(List<QueuedSend> claimed) {
        List<RenderResult> rendered;
        try {
            rendered = renderer.render(claimed);
            if (rendered.size() != claimed.size()) {
                throw new IllegalStateException(
                        "the renderer returned " + rendered.size() + " results for " + claimed.size() + " sends");
            }
        } catch (RuntimeException e) {
            log.warn("Rendering a batch of {} failed: {}", claimed.size(), e.toString());
            committer.submit(pipeline.renderFailed(claimed, e));
            return false;
        }
        SendPipeline.Outcome outcome = pipeline.send(claimed, rendered);
        committer.submit(outcome.results());
        return outcome.transportCalled();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
