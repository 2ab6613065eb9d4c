package io.iabulk.contests;

/**
 * A confirmed participant who moved up the leaderboard since their last rank snapshot, a digest
 * interval ago (docs/decisions/0027).
 *
 * @param participant who to write to, with their links, referrals and points as of the comparison
 * @param previousRank their rank at the last snapshot (1 = first)
 * @param rank their rank now, smaller than {@code previousRank}
 */
public record RankImprovement(ParticipantContact participant, long previousRank, long rank) {

    /** How many places they climbed. */
    public long placesUp() {
        return previousRank - rank;
    }
}
