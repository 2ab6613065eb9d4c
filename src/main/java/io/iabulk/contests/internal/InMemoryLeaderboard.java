package io.iabulk.contests.internal;

import io.iabulk.platform.ConditionalOnMissingRedis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The leaderboard in this process, for embedded mode and deployments without Redis: per contest a
 * sorted list cut into blocks of at most {@value #BLOCK} standings, so an update moves at most one
 * block's worth of references and a rank adds up block sizes, both fast at a million participants.
 */
@Component
@ConditionalOnMissingRedis
class InMemoryLeaderboard implements LeaderboardStore {

    static final int BLOCK = 512;

    private final Map<Long, Ranking> rankings = new ConcurrentHashMap<>();

    @Override
    public void put(long contestId, Standing standing) {
        ranking(contestId).put(standing);
    }

    @Override
    public List<Standing> top(long contestId, int limit) {
        Ranking ranking = rankings.get(contestId);
        return ranking == null ? List.of() : ranking.top(limit);
    }

    @Override
    public OptionalLong rank(long contestId, Standing standing) {
        Ranking ranking = rankings.get(contestId);
        return ranking == null ? OptionalLong.empty() : ranking.rank(standing.participantId());
    }

    @Override
    public long size(long contestId) {
        Ranking ranking = rankings.get(contestId);
        return ranking == null ? 0 : ranking.size();
    }

    @Override
    public void load(long contestId, Stream<Standing> standings) {
        Ranking ranking = ranking(contestId);
        standings.forEach(ranking::put);
    }

    @Override
    public boolean available() {
        return true;
    }

    private Ranking ranking(long contestId) {
        return rankings.computeIfAbsent(contestId, id -> new Ranking());
    }

    /** One contest's standings in order, in blocks; guarded by a read-write lock. */
    static final class Ranking {

        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final List<List<Standing>> blocks = new ArrayList<>();
        private final Map<Long, Standing> byParticipant = new HashMap<>();

        void put(Standing standing) {
            lock.writeLock().lock();
            try {
                Standing current = byParticipant.get(standing.participantId());
                if (current != null) {
                    if (Standing.ORDER.compare(standing, current) >= 0) {
                        return; // not better than what we hold
                    }
                    remove(current);
                }
                insert(standing);
                byParticipant.put(standing.participantId(), standing);
            } finally {
                lock.writeLock().unlock();
            }
        }

        List<Standing> top(int limit) {
            lock.readLock().lock();
            try {
                List<Standing> top = new ArrayList<>(Math.min(limit, byParticipant.size()));
                for (List<Standing> block : blocks) {
                    for (Standing s : block) {
                        if (top.size() == limit) {
                            return top;
                        }
                        top.add(s);
                    }
                }
                return top;
            } finally {
                lock.readLock().unlock();
            }
        }

        OptionalLong rank(long participantId) {
            lock.readLock().lock();
            try {
                Standing standing = byParticipant.get(participantId);
                if (standing == null) {
                    return OptionalLong.empty();
                }
                long before = 0;
                for (List<Standing> block : blocks) {
                    if (Standing.ORDER.compare(block.getLast(), standing) < 0) {
                        before += block.size();
                    } else {
                        return OptionalLong.of(before + Collections.binarySearch(block, standing, Standing.ORDER) + 1);
                    }
                }
                throw new IllegalStateException("standing indexed but not in any block");
            } finally {
                lock.readLock().unlock();
            }
        }

        long size() {
            lock.readLock().lock();
            try {
                return byParticipant.size();
            } finally {
                lock.readLock().unlock();
            }
        }

        private void insert(Standing standing) {
            int b = blockFor(standing);
            if (b == blocks.size()) {
                if (b > 0 && blocks.get(b - 1).size() < BLOCK) {
                    b--;
                } else {
                    blocks.add(new ArrayList<>());
                }
            }
            List<Standing> block = blocks.get(b);
            int at = -Collections.binarySearch(block, standing, Standing.ORDER) - 1;
            block.add(at, standing);
            if (block.size() > 2 * BLOCK) {
                List<Standing> tail = new ArrayList<>(block.subList(BLOCK, block.size()));
                block.subList(BLOCK, block.size()).clear();
                blocks.add(b + 1, tail);
            }
        }

        private void remove(Standing standing) {
            int b = blockFor(standing);
            List<Standing> block = blocks.get(b);
            block.remove(Collections.binarySearch(block, standing, Standing.ORDER));
            if (block.isEmpty()) {
                blocks.remove(b);
            }
        }

        /** The first block whose last standing is not better than the given one. */
        private int blockFor(Standing standing) {
            int low = 0;
            int high = blocks.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Standing.ORDER.compare(blocks.get(mid).getLast(), standing) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
