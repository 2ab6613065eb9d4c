package io.iabulk.campaigns;

/**
 * Every recipient of a campaign has an outcome: published once, when the lifecycle worker moves the
 * campaign from RUNNING to FINISHED ({@code failed} counts bounces too). A cancelled campaign does
 * not finish and gets no such event.
 *
 * <p>No module listens yet: the outgoing webhooks ({@code webhooks} module, a later issue) will
 * consume it, with an {@code @ApplicationModuleListener}, to notify the operator's endpoints.
 */
public record CampaignFinished(long campaignId, long sent, long failed, long suppressed) {}
