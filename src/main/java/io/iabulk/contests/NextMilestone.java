package io.iabulk.contests;

/** The next reward a participant can reach, and how many credited referrals it still needs. */
public record NextMilestone(int referrals, String reward, int remaining) {}
