package io.iabulk.contests.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.Leaderboard;
import io.iabulk.contests.LeaderboardEntry;
import io.iabulk.platform.Cached;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves rankings from the fast store while it is healthy and in step with the database, and from
 * SQL otherwise. A failed store call marks every contest stale; reads then go to SQL until the
 * reconciler has rebuilt the store from the database.
 */
@Component
public class Leaderboards {

    private static final Logger log = LoggerFactory.getLogger(Leaderboards.class);

    private final LeaderboardStore store;
    private final SqlLeaderboard sql;
    private final JdbcParticipantRepository participants;
    private final long retryAfterNanos;
    private final Set<Long> stale = ConcurrentHashMap.newKeySet();
    private final Cache<Long, String> names =
            Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<TopKey, Leaderboard> recentTops;
    private final Clock clock;
    private volatile boolean allStale = true; // nothing is known to be loaded until the first rebuild
    private volatile long storeDownUntil;

    Leaderboards(
            LeaderboardStore store,
            SqlLeaderboard sql,
            JdbcParticipantRepository participants,
            ContestsProperties properties,
            Clock clock) {
        this.clock = clock;
        this.store = store;
        this.sql = sql;
        this.participants = participants;
        this.retryAfterNanos = properties.leaderboard().retryRedisAfter().toNanos();
        this.recentTops = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.leaderboard().cacheTtl())
                .build();
    }

    private record TopKey(long contestId, int limit) {}

    /**
     * The best {@code limit} participants, reused for {@code leaderboard.cache-ttl} (250 ms): at
     * thousands of reads a second a board is computed a few times a second, and a credit still
     * shows within one second.
     */
    public Leaderboard recentTop(long contestId, int limit) {
        return recentTops.get(
                new TopKey(contestId, limit),
                key -> new Leaderboard(contestId, clock.instant(), top(key.contestId(), key.limit())));
    }

    /** Records a standing that has just been committed. */
    public void record(long contestId, Standing standing) {
        if (storeDown()) {
            allStale = true;
            return;
        }
        try {
            store.put(contestId, standing);
        } catch (RuntimeException e) {
            storeFailed(e);
        }
    }

    /** The best {@code limit} participants with their masked names. */
    private List<LeaderboardEntry> top(long contestId, int limit) {
        List<Standing> standings = null;
        if (usable(contestId)) {
            try {
                standings = store.top(contestId, limit);
            } catch (RuntimeException e) {
                storeFailed(e);
            }
        }
        if (standings == null) {
            standings = sql.top(contestId, limit);
        }
        Map<Long, String> displayNames = displayNames(standings);
        List<LeaderboardEntry> entries = new ArrayList<>(standings.size());
        for (int i = 0; i < standings.size(); i++) {
            Standing s = standings.get(i);
            entries.add(new LeaderboardEntry(
                    i + 1, s.participantId(), displayNames.get(s.participantId()), s.referrals(), s.points()));
        }
        return entries;
    }

    /**
     * The 1-based rank of a participant whose current standing is given; a hit when the fast store
     * answered it, a miss when it was counted in SQL (the store is stale, down or misses them).
     */
    public Cached<Long> rank(long contestId, Standing standing) {
        if (usable(contestId)) {
            try {
                OptionalLong rank = store.rank(contestId, standing);
                if (rank.isPresent()) {
                    return new Cached<>(rank.getAsLong(), true);
                }
                stale.add(contestId); // a participant the store misses: it needs a rebuild
            } catch (RuntimeException e) {
                storeFailed(e);
            }
        }
        return new Cached<>(sql.rank(contestId, standing), false);
    }

    /**
     * The 1-based ranks of several participants of one contest, by participant id: one store round
     * trip, and one SQL query for those the store cannot answer.
     */
    public Map<Long, Long> ranks(long contestId, List<Standing> standings) {
        Map<Long, Long> ranks = new HashMap<>();
        if (standings.isEmpty()) {
            return ranks;
        }
        if (usable(contestId)) {
            try {
                List<OptionalLong> found = store.ranks(contestId, standings);
                for (int i = 0; i < standings.size(); i++) {
                    if (found.get(i).isPresent()) {
                        ranks.put(standings.get(i).participantId(), found.get(i).getAsLong());
                    } else {
                        stale.add(contestId); // a participant the store misses: it needs a rebuild
                    }
                }
            } catch (RuntimeException e) {
                storeFailed(e);
                ranks.clear();
            }
        }
        List<Long> missing = standings.stream()
                .map(Standing::participantId)
                .filter(id -> !ranks.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            ranks.putAll(sql.ranks(contestId, missing));
        }
        return ranks;
    }

    /**
     * Reloads a contest's standings from the database into the store. Standings never get worse,
     * so writes racing with the reload cannot be lost.
     */
    public void rebuild(long contestId) {
        long started = System.nanoTime();
        sql.forEachBatch(contestId, 5_000, batch -> store.load(contestId, batch.stream()));
        log.info(
                "Leaderboard of contest {} rebuilt: {} participants in {} ms",
                contestId,
                store.size(contestId),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Rebuilds what is stale when the store answers again.
     *
     * @return whether every contest is in step afterwards
     */
    boolean reconcileStale(java.util.function.Supplier<List<Long>> liveContests) {
        if (!allStale && stale.isEmpty()) {
            return true;
        }
        try {
            if (!store.available()) {
                return false;
            }
            boolean everything = allStale;
            allStale = false;
            Set<Long> todo = everything ? Set.copyOf(liveContests.get()) : Set.copyOf(stale);
            for (Long contestId : todo) {
                stale.add(contestId);
            }
            for (Long contestId : todo) {
                rebuild(contestId);
                stale.remove(contestId);
            }
            storeDownUntil = 0;
            return true;
        } catch (RuntimeException e) {
            storeFailed(e);
            return false;
        }
    }

    /** Whether reads of this contest are answered by the fast store right now. */
    public boolean servedByStore(long contestId) {
        return usable(contestId);
    }

    private boolean usable(long contestId) {
        return !allStale && !storeDown() && !stale.contains(contestId);
    }

    private boolean storeDown() {
        return storeDownUntil != 0 && System.nanoTime() - storeDownUntil < 0;
    }

    private void storeFailed(RuntimeException e) {
        if (!storeDown()) {
            log.warn("Leaderboard store failed ({}); answering from SQL until it is rebuilt", e.toString());
        }
        storeDownUntil = System.nanoTime() + retryAfterNanos;
        allStale = true;
    }

    private Map<Long, String> displayNames(List<Standing> standings) {
        List<Long> ids = standings.stream().map(Standing::participantId).toList();
        Map<Long, String> known = names.getAllPresent(ids);
        if (known.size() == ids.size()) {
            return known;
        }
        List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
        Map<Long, String> loaded = participants.findAll(missing).stream()
                .collect(Collectors.toMap(ParticipantRow::id, ParticipantRow::displayName));
        names.putAll(loaded);
        Map<Long, String> all = new java.util.HashMap<>(known);
        all.putAll(loaded);
        return all;
    }
}
