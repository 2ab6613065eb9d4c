package io.iabulk.contests;

/**
 * A contest's referrals waiting for review (FLAGGED), from its counters.
 *
 * @param contestName the contest's name
 * @param flagged referrals waiting for an operator's decision
 */
public record ReviewBacklog(long contestId, String contestName, long flagged) {}
