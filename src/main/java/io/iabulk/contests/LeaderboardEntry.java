package io.iabulk.contests;

/** One row of a leaderboard; the name is masked ("Jane D." or "j***@gmail.com"). */
public record LeaderboardEntry(long rank, long participantId, String displayName, int referrals, int points) {}
