package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    @Test
    void itemsFromManyThreadsAreWrittenOnceEachInFewGroups() throws Exception {
        List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer> committer =
                new GroupCommitter<>("test", group -> groups.add(List.copyOf(group)), Duration.ZERO, 100, 2, 100_000);
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

        List<Integer> written = groups.stream().flatMap(List::stream).sorted().toList();
        assertThat(written).isEqualTo(IntStream.range(0, 8_000).boxed().toList());
        assertThat(groups).allSatisfy(group -> assertThat(group).hasSizeLessThanOrEqualTo(100));
        assertThat(committer.pending()).isZero();
    }

    @Test
    void aFailedGroupIsWrittenAgain() {
        AtomicInteger attempts = new AtomicInteger();
        List<Integer> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer> committer = new GroupCommitter<>(
                "test",
                group -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("database away");
                    }
                    written.addAll(group);
                },
                Duration.ofMillis(5),
                10,
                1,
                Integer.MAX_VALUE);
        committer.start();
        committer.submit(List.of(1, 2, 3));

        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 3);
        assertThat(written).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFullQueueRefusesItemsAndCountsThem() {
        GroupCommitter<Integer> committer = new GroupCommitter<>("test", group -> {}, Duration.ZERO, 10, 1, 2);

        assertThat(committer.submit(1)).isTrue();
        assertThat(committer.submit(2)).isTrue();
        assertThat(committer.submit(3)).isFalse();
        assertThat(committer.dropped()).isEqualTo(1);
        committer.flush();
        assertThat(committer.pending()).isZero();
    }
}
