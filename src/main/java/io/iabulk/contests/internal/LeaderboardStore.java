package io.iabulk.contests.internal;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A fast ranked index of one contest's participants, kept beside the database (the truth): a
 * Redis sorted set in production, an in-process structure when embedded. Standings only ever grow
 * (referrals and points are never taken back), so a late or repeated write of an older standing
 * never overwrites a newer one.
 */
public interface LeaderboardStore {

    /** Records a standing, unless the store already holds a better one for that participant. */
    void put(long contestId, Standing standing);

    /** The best {@code limit} standings, best first. */
    List<Standing> top(long contestId, int limit);

    /** The 1-based rank of a participant, or empty when the store does not hold them. */
    OptionalLong rank(long contestId, Standing standing);

    /**
     * The ranks of several participants, in the order given (empty for those the store does not
     * hold). Stores with a round trip per call override this to answer in one.
     */
    default List<OptionalLong> ranks(long contestId, List<Standing> standings) {
        return standings.stream().map(s -> rank(contestId, s)).toList();
    }

    /** How many participants the store holds for a contest. */
    long size(long contestId);

    /** Loads standings read from the database (a rebuild), with the same never-worse rule. */
    void load(long contestId, Stream<Standing> standings);

    /** Whether the store answers right now (a cheap round trip). */
    boolean available();
}
