package io.iabulk.contests;

/**
 * A participant confirmed their email address by following the link; published once, however
 * often the link is followed. A participant of a contest that asks for no confirmation is
 * confirmed at signup and gets no such event ({@link ParticipantSignedUp} tells of them).
 *
 * <p>No module listens yet: the outgoing webhooks ({@code webhooks} module, a later issue) will
 * consume it, with an {@code @ApplicationModuleListener}, to notify the operator's endpoints.
 */
public record ParticipantConfirmed(long contestId, long participantId) {}
