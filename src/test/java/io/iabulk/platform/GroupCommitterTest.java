package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.platform.GroupCommitter.Options;
import io.iabulk.platform.GroupCommitter.WhenFull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * The group committer, stepped synchronously with {@link GroupCommitter#flush()} where possible;
 * its backoff goes through a sleeper that records the waits instead of sleeping them.
 */
class GroupCommitterTest {

    private final List<Integer> written = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> droppedItems = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger writes = new AtomicInteger();

    private GroupCommitter<Integer> committer(GroupCommitter.GroupWriter<Integer> sink, Options options) {
        return new GroupCommitter<>(
                "test",
                group -> {
                    writes.incrementAndGet();
                    sink.write(group);
                    written.addAll(group);
                },
                options,
                droppedItems::add,
                waits::add);
    }

    private static Options options(int maxBatch, int capacity, WhenFull whenFull) {
        return Options.of(Duration.ZERO, maxBatch, 1, capacity, whenFull);
    }

    @Test
    void itemsFromManyThreadsAreWrittenOnceEachInFewGroups() throws Exception {
        List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer> committer = new GroupCommitter<>(
                "test",
                group -> groups.add(List.copyOf(group)),
                Options.of(Duration.ZERO, 100, 2, 100_000, WhenFull.DROP),
                item -> {});
        committer.start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int base = t * 1_000;
            threads.add(Thread.ofVirtual()
                    .start(() -> IntStream.range(base, base + 1_000).forEach(committer::submit)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        committer.stop();

        List<Integer> all = groups.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).isEqualTo(IntStream.range(0, 8_000).boxed().toList());
        assertThat(groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(100));
        assertThat(committer.pending()).isZero();
        assertThat(committer.dropped()).isZero();
    }

    @Test
    void aFailedGroupIsWrittenAgainAfterABackoff() {
        GroupCommitter<Integer> committer = committer(
                group -> {
                    if (writes.get() == 1) {
                        throw new IllegalStateException("deadlock victim");
                    }
                },
                options(10, 100, WhenFull.DROP));
        committer.submit(List.of(1, 2, 3));

        committer.flush();

        assertThat(written).containsExactly(1, 2, 3);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
        assertThat(committer.dropped()).isZero();
    }

    @Test
    void aPoisonItemIsIsolatedAndDroppedAloneAndCountedWhileTheOthersAreWritten() {
        GroupCommitter<Integer> committer = committer(
                group -> {
                    if (group.contains(13)) {
                        throw new IllegalArgumentException("value too long");
                    }
                },
                options(100, 1_000, WhenFull.DROP));
        committer.submit(IntStream.range(0, 100).boxed().toList());

        committer.flush();

        assertThat(written)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 100).filter(i -> i != 13).boxed().toList());
        assertThat(droppedItems).containsExactly(13);
        assertThat(committer.dropped()).isEqualTo(1);
        // the whole group is retried 3 times, then halved down to the poison: a handful of writes
        assertThat(writes.get()).isLessThanOrEqualTo(4 + 2 * 7);
    }

    @Test
    void aSinkThatAlwaysFailsIsRetriedABoundedNumberOfTimesWithAGrowingCappedBackoff() {
        Options bounded = new Options(
                Duration.ZERO, 10, 1, 100, WhenFull.DROP, 5, Duration.ofMillis(100), Duration.ofMillis(300));
        GroupCommitter<Integer> committer = committer(
                group -> {
                    throw new IllegalStateException("always");
                },
                bounded);
        committer.submit(7);

        committer.flush();

        assertThat(writes.get()).isEqualTo(6);
        assertThat(waits)
                .containsExactly(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300));
        assertThat(droppedItems).containsExactly(7);
        assertThat(committer.dropped()).isEqualTo(1);
        assertThat(committer.pending()).isZero();
    }

    @Test
    void aDatabaseOutageDropsNothingWhileRunningAndTheItemsAreWrittenWhenItIsBack() throws Exception {
        AtomicBoolean away = new AtomicBoolean(true);
        GroupCommitter<Integer> committer = committer(
                group -> {
                    if (away.get()) {
                        throw new TransientDataAccessResourceException("connection refused");
                    }
                },
                options(10, 100, WhenFull.DROP));
        committer.start();
        committer.submit(List.of(1, 2, 3, 4));

        // far more failures than the retry bound: the items are still held, not dropped
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() > 50);
        assertThat(committer.dropped()).isZero();
        away.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
        committer.stop();

        assertThat(written).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(droppedItems).isEmpty();
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void stoppingDuringAnOutageGivesTheItemsUpToTheDropListener() throws Exception {
        GroupCommitter<Integer> committer = committer(
                group -> {
                    throw new TransientDataAccessResourceException("connection refused");
                },
                options(10, 100, WhenFull.DROP));
        committer.start();
        committer.submit(List.of(1, 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> writes.get() > 5);

        committer.stop();

        assertThat(droppedItems).containsExactlyInAnyOrder(1, 2);
        assertThat(committer.dropped()).isEqualTo(2);
        assertThat(written).isEmpty();
    }

    @Test
    void aFullDroppingQueueRefusesItemsAndCountsThem() {
        GroupCommitter<Integer> committer = committer(group -> {}, options(10, 2, WhenFull.DROP));

        assertThat(committer.submit(1)).isTrue();
        assertThat(committer.submit(2)).isTrue();
        assertThat(committer.submit(3)).isFalse();
        assertThat(committer.dropped()).isEqualTo(1);
        committer.flush();
        assertThat(written).containsExactly(1, 2);
        assertThat(committer.pending()).isZero();
    }

    @Test
    void aFullBlockingQueueMakesTheProducerWaitUntilTheWriterCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommitter<Integer> committer = committer(
                group -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                options(1, 2, WhenFull.BLOCK));
        committer.start();
        committer.submit(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> committer.pending() == 0); // the writer holds 1
        committer.submit(List.of(2, 3)); // the queue is full now
        AtomicBoolean handedOver = new AtomicBoolean();
        Thread producer = Thread.ofPlatform().start(() -> handedOver.set(committer.submit(4)));

        await().atMost(Duration.ofSeconds(10)).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
        assertThat(handedOver).isFalse();
        assertThat(committer.pending()).isEqualTo(2);
        release.countDown();
        producer.join();
        committer.stop();

        assertThat(handedOver).isTrue();
        assertThat(written).containsExactly(1, 2, 3, 4);
        assertThat(committer.dropped()).isZero();
    }

    @Test
    void aFullBlockingQueueWithoutRunningWritersHasTheProducerWriteAGroupItself() {
        GroupCommitter<Integer> committer = committer(group -> {}, options(2, 2, WhenFull.BLOCK));

        committer.submit(List.of(1, 2, 3, 4, 5));
        committer.flush();

        assertThat(written).containsExactly(1, 2, 3, 4, 5);
        assertThat(committer.dropped()).isZero();
    }
}
