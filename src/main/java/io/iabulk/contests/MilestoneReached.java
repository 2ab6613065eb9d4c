package io.iabulk.contests;

/** A participant reached a milestone; recorded once per participant and milestone. */
public record MilestoneReached(long contestId, long participantId, int referrals, String reward) {}
