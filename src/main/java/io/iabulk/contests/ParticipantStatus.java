package io.iabulk.contests;

/** Whether a participant has confirmed their email address. */
public enum ParticipantStatus {
    PENDING,
    CONFIRMED
}
