package io.iabulk.platform.internal;

import io.iabulk.platform.ListenerProperties;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The executor of the modules' asynchronous event listeners: a fixed number of virtual threads over
 * an unbounded queue. A submitting thread never blocks (a request that commits hands its events
 * over and answers); a capped executor that blocked the submitter deadlocked the connection pool
 * once (docs/benchmarks.md). Queued events are also rows of the event registry, so the queue
 * holds nothing that a crash could lose. {@link EventRetries} leaves events alone while the queue
 * is not empty: an event that waits its turn here is late, not lost.
 */
@Component
class ListenerExecution implements DisposableBean {

    private final ThreadPoolExecutor executor;

    ListenerExecution(ListenerProperties properties) {
        int threads = properties.concurrency();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofVirtual().name("listener-", 0).factory());
    }

    Executor executor() {
        return executor;
    }

    /** Events handed over and not yet started on this instance. */
    int waiting() {
        return executor.getQueue().size();
    }

    @Override
    public void destroy() throws InterruptedException {
        // what has not started is picked up again from the event registry after the restart
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
