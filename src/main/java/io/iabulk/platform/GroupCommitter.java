package io.iabulk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items handed over by many threads in groups: one transaction per group, so thousands of
 * items a second cost a few dozen commits. A writer thread takes what is queued (waiting up to
 * {@code linger} after the first item for more, at most {@code maxBatch}) and hands it to the
 * {@link GroupWriter}. A group whose write fails is queued again and written again, so the writer
 * must be all-or-nothing (one transaction) and must not mind a retry.
 *
 * @param <T> the item
 */
public final class GroupCommitter<T> {

    /** Writes one group, all or nothing; throws to have the group written again later. */
    @FunctionalInterface
    public interface GroupWriter<T> {
        void write(List<T> group);
    }

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_AFTER = Duration.ofMillis(500);

    private final String name;
    private final GroupWriter<T> writer;
    private final Duration linger;
    private final int maxBatch;
    private final int writers;
    private final LinkedBlockingQueue<T> pending;
    /** At most {@code writers} groups in flight: the loops, or {@link #flush()} in a test. */
    private final Semaphore writing;

    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param name names the writer threads and log lines
     * @param linger how long a writer waits for more items after the first of a group (0: it takes
     *     what is queued at once; more items queue while a group is written)
     * @param maxBatch the largest group
     * @param writers how many groups may be written at the same time
     * @param capacity how many items may wait; more are refused ({@link #submit(Object)} answers
     *     false), use {@link Integer#MAX_VALUE} for items that must never be dropped
     */
    public GroupCommitter(
            String name, GroupWriter<T> writer, Duration linger, int maxBatch, int writers, int capacity) {
        this.name = name;
        this.writer = writer;
        this.linger = linger;
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.pending = new LinkedBlockingQueue<>(capacity);
        this.writing = new Semaphore(writers);
    }

    /** Queues items that must be written (an unbounded committer never refuses them). */
    public void submit(List<T> items) {
        for (T item : items) {
            if (!pending.offer(item)) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Queues one item; false when the queue is full and the item was refused. */
    public boolean submit(T item) {
        if (pending.offer(item)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** Items waiting to be written. */
    public int pending() {
        return pending.size();
    }

    /** Items refused or given up because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::loop));
        }
    }

    /** Stops the loops after writing everything submitted so far. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            // no interrupt: a loop ends within one poll, and a write is never cut short
            thread.join(Duration.ofSeconds(30));
        }
        threads.clear();
        flush();
    }

    /** Writes everything pending now (tests and shutdown); stops early when a write fails. */
    public void flush() {
        while (!pending.isEmpty()) {
            List<T> group = new ArrayList<>();
            pending.drainTo(group, maxBatch);
            if (!group.isEmpty() && !write(group)) {
                return;
            }
        }
    }

    private void loop() {
        while (running) {
            List<T> group = new ArrayList<>();
            try {
                T first = pending.poll(POLL.toNanos(), TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                if (linger.isZero()) {
                    pending.drainTo(group, maxBatch - 1);
                } else {
                    gather(group);
                }
            } catch (InterruptedException e) {
                // items already taken must not be lost: back to the queue, for the final flush
                requeue(group);
                Thread.currentThread().interrupt();
                return;
            }
            write(group);
        }
    }

    private void gather(List<T> group) throws InterruptedException {
        long deadline = System.nanoTime() + linger.toNanos();
        while (group.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            T next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : pending.poll();
            if (next == null) {
                return;
            }
            group.add(next);
        }
    }

    private boolean write(List<T> group) {
        writing.acquireUninterruptibly();
        try {
            writer.write(group);
            return true;
        } catch (RuntimeException e) {
            // the database is away (or a deadlock victim): keep the items and try again
            log.warn("{}: could not write a group of {}, retrying: {}", name, group.size(), e.toString());
            requeue(group);
            sleepQuietly(RETRY_AFTER);
            return false;
        } finally {
            writing.release();
        }
    }

    private void requeue(List<T> group) {
        int lost = 0;
        for (T item : group) {
            if (!pending.offer(item)) {
                lost++;
            }
        }
        if (lost > 0) {
            dropped.addAndGet(lost);
            log.warn("{}: queue full, gave up {} items", name, lost);
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
