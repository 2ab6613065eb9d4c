package io.iabulk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Writes items handed over by many threads in groups: one transaction per group, so thousands of
 * items a second cost a few dozen commits. A writer thread takes what is queued (waiting up to
 * {@code linger} after the first item for more, at most {@code maxBatch}) and hands it to the
 * {@link GroupWriter}, which must be all-or-nothing (one transaction) and must not mind a retry.
 *
 * <p>A group whose write fails is written again after a backoff, at most {@code retries} times;
 * then it is split in halves, and halves that fail in halves again, so that an item the sink always refuses
 * (a poison: a value the database rejects) ends up alone and is dropped (counted, logged once,
 * handed to the drop listener) while the others are written. A lone item whose failure says the
 * database is away ({@link #DATABASE_AWAY}) is not a poison: it is retried, the backoff capped,
 * until the database is back or the committer stops; an outage drops nothing while running.
 *
 * <p>A full queue refuses items ({@link WhenFull#DROP}, counted) or makes the producer wait
 * ({@link WhenFull#BLOCK}: backpressure, for items that must not be lost).
 *
 * @param <T> the item
 */
public final class GroupCommitter<T> {

    /** Writes one group, all or nothing; throws to have it written again (or split). */
    @FunctionalInterface
    public interface GroupWriter<T> {
        void write(List<T> group);
    }

    /** What {@link #submit(Object)} does when the queue is full. */
    public enum WhenFull {
        /** Refuse the item and count it: for items that may be lost under overload. */
        DROP,
        /** Wait for room: the producer slows down to the pace of the writes. */
        BLOCK
    }

    /** Sleeps between retries; tests pass one that only records the waits. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How a committer groups, queues and retries.
     *
     * @param linger how long a writer waits for more items after the first of a group (0: it takes
     *     what is queued at once; more items queue while a group is written)
     * @param maxBatch the largest group
     * @param writers how many groups may be written at the same time
     * @param capacity how many items may wait
     * @param whenFull what a full queue does to a new item
     * @param retries how many times a failing group is written again before it is split
     * @param backoff the wait before the first retry; it doubles with every retry
     * @param maxBackoff the longest wait between two writes of a group
     */
    public record Options(
            Duration linger,
            int maxBatch,
            int writers,
            int capacity,
            WhenFull whenFull,
            int retries,
            Duration backoff,
            Duration maxBackoff) {

        /** Three retries, from 100 ms up to 5 s apart. */
        public static Options of(Duration linger, int maxBatch, int writers, int capacity, WhenFull whenFull) {
            return new Options(
                    linger, maxBatch, writers, capacity, whenFull, 3, Duration.ofMillis(100), Duration.ofSeconds(5));
        }
    }

    /** Failures that are the database's, not the items': it is away, or chose a deadlock victim. */
    public static final Predicate<RuntimeException> DATABASE_AWAY = e -> e instanceof TransientDataAccessException
            || e instanceof RecoverableDataAccessException
            || e instanceof DataAccessResourceFailureException
            || e instanceof CannotCreateTransactionException;

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOGGED_ITEMS = 10;
    private static final int LOGGED_CHARS = 500;

    private final String name;
    private final GroupWriter<T> writer;
    private final Options options;
    private final Consumer<? super T> onDropped;
    private final Sleeper sleeper;
    private final LinkedBlockingQueue<T> pending;
    /** At most {@code writers} groups in flight: the loops, or {@link #flush()} in a test. */
    private final Semaphore writing;

    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param name names the writer threads and log lines
     * @param onDropped told of every item given up after it was queued (a poison, or what an outage
     *     left when the committer stopped); not of items a full queue refused
     */
    public GroupCommitter(String name, GroupWriter<T> writer, Options options, Consumer<? super T> onDropped) {
        this(name, writer, options, onDropped, Thread::sleep);
    }

    GroupCommitter(
            String name, GroupWriter<T> writer, Options options, Consumer<? super T> onDropped, Sleeper sleeper) {
        this.name = name;
        this.writer = writer;
        this.options = options;
        this.onDropped = onDropped;
        this.sleeper = sleeper;
        this.pending = new LinkedBlockingQueue<>(options.capacity());
        this.writing = new Semaphore(options.writers());
    }

    /** Queues items (see {@link #submit(Object)}). */
    public void submit(List<T> items) {
        for (T item : items) {
            submit(item);
        }
    }

    /**
     * Queues one item. When the queue is full: refused and counted ({@code DROP}, false), or the
     * caller waits for room ({@code BLOCK}); a committer without running writers (not started, or
     * stopped) then has the caller write a group itself.
     */
    public boolean submit(T item) {
        if (pending.offer(item)) {
            return true;
        }
        if (options.whenFull() == WhenFull.DROP) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            while (!pending.offer(item, running ? POLL.toNanos() : 0, TimeUnit.NANOSECONDS)) {
                if (!running) {
                    writeNext();
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drop(List.of(item), "the producer was interrupted while the queue was full", null);
            return false;
        }
    }

    /** Items waiting to be written. */
    public int pending() {
        return pending.size();
    }

    /** Items refused by a full queue or given up after they were queued. */
    public long dropped() {
        return dropped.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < options.writers(); i++) {
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::loop));
        }
    }

    /**
     * Stops the loops after writing everything submitted so far; what the database being away
     * keeps from being written then is given up (and reported to the drop listener).
     */
    public synchronized void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            // no interrupt: a loop ends within one poll or one backoff, and a write is never cut short
            thread.join(Duration.ofSeconds(30));
        }
        threads.clear();
        flush();
    }

    /** Writes everything pending now, on the calling thread (tests and shutdown). */
    public void flush() {
        while (writeNext()) {
            // until the queue is empty
        }
    }

    private boolean writeNext() {
        List<T> group = new ArrayList<>();
        pending.drainTo(group, options.maxBatch());
        if (group.isEmpty()) {
            return false;
        }
        commit(group);
        return true;
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
                if (options.linger().isZero()) {
                    pending.drainTo(group, options.maxBatch() - 1);
                } else {
                    gather(group);
                }
            } catch (InterruptedException e) {
                // never lose what was taken: write it before ending
                Thread.currentThread().interrupt();
                commit(group);
                return;
            }
            commit(group);
        }
    }

    private void gather(List<T> group) throws InterruptedException {
        long deadline = System.nanoTime() + options.linger().toNanos();
        while (group.size() < options.maxBatch()) {
            long left = deadline - System.nanoTime();
            T next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : pending.poll();
            if (next == null) {
                return;
            }
            group.add(next);
        }
    }

    private void commit(List<T> group) {
        commit(group, options.retries());
    }

    /**
     * Writes a group, retried then split, until every item is written or dropped. The halves of a
     * split group are not retried before they are split again: the whole was, just before.
     */
    private void commit(List<T> group, int retries) {
        if (group.isEmpty()) {
            return;
        }
        int failures = 0;
        while (true) {
            RuntimeException error = write(group);
            if (error == null) {
                return;
            }
            boolean away = DATABASE_AWAY.test(error);
            if (away && !running) {
                drop(group, "the database is away and the committer is stopping", error);
                return;
            }
            failures++;
            if (failures <= retries || (away && group.size() == 1)) {
                if (failures == 1) {
                    log.warn("{}: could not write a group of {}, retrying: {}", name, group.size(), error.toString());
                }
                if (!pause(failures)) {
                    drop(group, "interrupted while retrying", error);
                    return;
                }
            } else if (group.size() > 1) {
                int half = group.size() / 2;
                commit(group.subList(0, half), 0);
                commit(group.subList(half, group.size()), 0);
                return;
            } else {
                drop(group, "still refused when written alone", error);
                return;
            }
        }
    }

    /** Null when the group was written, else what went wrong. */
    private RuntimeException write(List<T> group) {
        writing.acquireUninterruptibly();
        try {
            writer.write(group);
            return null;
        } catch (RuntimeException e) {
            return e;
        } finally {
            writing.release();
        }
    }

    /** Waits before the next write of a group; false when interrupted. */
    private boolean pause(int failures) {
        Duration wait = options.backoff().multipliedBy(1L << Math.min(failures - 1, 20));
        try {
            sleeper.sleep(wait.compareTo(options.maxBackoff()) < 0 ? wait : options.maxBackoff());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An item as logged: its own words, cut short (a poison may be a huge value). */
    private static String describe(Object item) {
        String text = String.valueOf(item);
        return text.length() <= LOGGED_CHARS ? text : text.substring(0, LOGGED_CHARS) + "…";
    }

    private void drop(List<T> items, String why, RuntimeException error) {
        dropped.addAndGet(items.size());
        log.error(
                "{}: gave up {} item(s), {}: {}{} ({})",
                name,
                items.size(),
                why,
                items.subList(0, Math.min(items.size(), LOGGED_ITEMS)).stream()
                        .map(GroupCommitter::describe)
                        .toList(),
                items.size() > LOGGED_ITEMS ? " and " + (items.size() - LOGGED_ITEMS) + " more" : "",
                error == null ? "no error" : error.toString());
        for (T item : items) {
            try {
                onDropped.accept(item);
            } catch (RuntimeException e) {
                log.warn("{}: the drop listener failed: {}", name, e.toString());
            }
        }
    }
}
