package io.iabulk.dashboard.console.campaigns;

import io.iabulk.campaigns.Campaign;
import io.iabulk.delivery.SendProgress;

/**
 * A campaign as the console's lists and progress show it.
 *
 * @param done recipients with an outcome (sent, failed, bounced, suppressed, cancelled)
 * @param ratio done over total, 0 to 1 (0 before the audience is snapshotted)
 */
record CampaignRow(Campaign campaign, SendProgress progress, long done, double ratio) {

    static CampaignRow of(Campaign campaign) {
        SendProgress p = campaign.progress();
        long done = p.total() - p.scheduled() - p.queued() - p.sending();
        return new CampaignRow(campaign, p, done, p.total() == 0 ? 0 : (double) done / p.total());
    }

    public long id() {
        return campaign.id();
    }

    public boolean terminal() {
        return campaign.status().terminal();
    }

    /** Whether the progress bar means anything yet. */
    public boolean started() {
        return progress.total() > 0;
    }
}
