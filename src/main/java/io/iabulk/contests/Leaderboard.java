package io.iabulk.contests;

import java.time.Instant;
import java.util.List;

/** The top of a contest's ranking: referrals desc, points desc, earlier signup first. */
public record Leaderboard(long contestId, Instant generatedAt, List<LeaderboardEntry> entries) {}
