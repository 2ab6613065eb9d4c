package io.iabulk.contests;

/** A winner of a contest; {@code rank} is the order of the ranking or of the draw. */
public record Winner(long rank, long participantId, String displayName, String email, int referrals, int points) {}
