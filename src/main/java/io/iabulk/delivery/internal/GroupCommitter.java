package io.iabulk.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the results of a worker pool in groups: one transaction per interval or per full batch,
 * whichever comes first, so a thousand sends a second cost a few dozen commits. Results whose
 * write fails stay queued and are written again.
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final JdbcSendResults results;
    private final String instanceId;
    private final Clock clock;
    private final Duration interval;
    private final int maxBatch;
    private final LinkedBlockingQueue<SendResult> pending = new LinkedBlockingQueue<>();
    /** One writer at a time: the background loop, or {@link #flush()} in a test. */
    private final ReentrantLock writing = new ReentrantLock();

    private volatile boolean running;
    private Thread thread;

    GroupCommitter(JdbcSendResults results, String instanceId, Clock clock, Duration interval, int maxBatch) {
        this.results = results;
        this.instanceId = instanceId;
        this.clock = clock;
        this.interval = interval;
        this.maxBatch = maxBatch;
    }

    void submit(List<SendResult> batch) {
        pending.addAll(batch);
    }

    int pending() {
        return pending.size();
    }

    void start() {
        running = true;
        thread = Thread.ofVirtual().name("delivery-committer-" + instanceId).start(this::loop);
    }

    /** Stops the loop after writing everything submitted so far. */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            // no interrupt: the loop ends within one interval, and a write is never cut short
            thread.join(Duration.ofSeconds(30));
        }
        flush();
    }

    /** Writes everything pending now (tests and shutdown). */
    void flush() {
        while (!pending.isEmpty()) {
            if (!writeOnce()) {
                return;
            }
        }
    }

    private void loop() {
        while (running) {
            List<SendResult> group = new ArrayList<>();
            try {
                SendResult first = pending.poll(interval.toNanos(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                // gather the rest of the group for up to one interval
                group.add(first);
                long deadline = System.nanoTime() + interval.toNanos();
                while (group.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    SendResult next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : pending.poll();
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                }
            } catch (InterruptedException e) {
                // results already taken must not be lost: back to the queue, for the final flush
                pending.addAll(group);
                Thread.currentThread().interrupt();
                return;
            }
            write(group);
        }
    }

    private boolean writeOnce() {
        List<SendResult> group = new ArrayList<>();
        pending.drainTo(group, maxBatch);
        return group.isEmpty() || write(group);
    }

    private boolean write(List<SendResult> group) {
        writing.lock();
        try {
            results.write(group, instanceId, clock.instant());
            return true;
        } catch (RuntimeException e) {
            // the database is away (or a deadlock victim): keep the results and try again; leases
            // may expire meanwhile, and a late write of this instance is still accepted
            log.warn("Could not write {} send results, retrying: {}", group.size(), e.toString());
            pending.addAll(group);
            sleepQuietly(Duration.ofMillis(500));
            return false;
        } finally {
            writing.unlock();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
