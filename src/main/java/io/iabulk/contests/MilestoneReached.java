package io.iabulk.contests;

/**
 * A participant reached a milestone; published once per participant and milestone, in the
 * transaction of the credit that reached it.
 *
 * <p>No module listens yet: the outgoing webhooks ({@code webhooks} module, a later issue) will
 * consume it, with an {@code @ApplicationModuleListener}, to notify the operator's endpoints.
 */
public record MilestoneReached(long contestId, long participantId, int referrals, String reward) {}
