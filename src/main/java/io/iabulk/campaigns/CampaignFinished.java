package io.iabulk.campaigns;

/** Every recipient of a campaign has an outcome. */
public record CampaignFinished(long campaignId, long sent, long failed, long suppressed) {}
