package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryLeaderboardTest {

    private final InMemoryLeaderboard board = new InMemoryLeaderboard();

    @Test
    void ordersByReferralsThenPointsThenEarlierSignup() {
        board.put(1, new Standing(10, 2, 20, 1_000));
        board.put(1, new Standing(11, 3, 5, 2_000));
        board.put(1, new Standing(12, 2, 25, 3_000));
        board.put(1, new Standing(13, 2, 20, 500));
        board.put(1, new Standing(14, 2, 20, 500));

        assertThat(board.top(1, 10)).extracting(Standing::participantId).containsExactly(11L, 12L, 13L, 14L, 10L);
        assertThat(board.rank(1, new Standing(10, 2, 20, 1_000))).hasValue(5);
        assertThat(board.rank(2, new Standing(10, 2, 20, 1_000))).isEmpty();
    }

    @Test
    void neverReplacesABetterStandingWithAnOlderOne() {
        board.put(1, new Standing(10, 5, 50, 1_000));
        board.put(1, new Standing(10, 4, 40, 1_000));

        assertThat(board.top(1, 1)).containsExactly(new Standing(10, 5, 50, 1_000));
        assertThat(board.size(1)).isEqualTo(1);
    }

    @Test
    void ranksMatchAFullSortAcrossManyBlocksAndUpdates() {
        Random random = new Random(42);
        Map<Long, Standing> truth = new HashMap<>();
        for (long id = 1; id <= 20_000; id++) {
            Standing s = new Standing(id, random.nextInt(5), random.nextInt(50), random.nextInt(1_000));
            truth.put(id, s);
            board.put(7, s);
        }
        for (int i = 0; i < 20_000; i++) {
            long id = 1 + random.nextInt(20_000);
            Standing old = truth.get(id);
            Standing better = new Standing(id, old.referrals() + 1, old.points() + 10, old.createdAtMillis());
            truth.put(id, better);
            board.put(7, better);
        }
        List<Standing> sorted = new ArrayList<>(truth.values());
        sorted.sort(Standing.ORDER);

        assertThat(board.size(7)).isEqualTo(20_000);
        assertThat(board.top(7, 100)).isEqualTo(sorted.subList(0, 100));
        for (int i = 0; i < sorted.size(); i += 997) {
            assertThat(board.rank(7, sorted.get(i))).hasValue(i + 1);
        }
        assertThat(board.rank(7, sorted.getLast())).hasValue(sorted.size());
    }

    @Test
    void concurrentUpdatesKeepEveryParticipantOnce() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int step = 1; step <= 200; step++) {
                    for (long id = 1; id <= 50; id++) {
                        board.put(3, new Standing(id, step, step * 10 + thread, id));
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(board.size(3)).isEqualTo(50);
        assertThat(board.top(3, 50)).allSatisfy(s -> assertThat(s.referrals()).isEqualTo(200));
    }
}
