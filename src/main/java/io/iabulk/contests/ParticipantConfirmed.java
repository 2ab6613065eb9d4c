package io.iabulk.contests;

/** A participant confirmed their email address. */
public record ParticipantConfirmed(long contestId, long participantId) {}
