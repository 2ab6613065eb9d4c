package io.iabulk.campaigns;

/** Where a campaign is in its life. */
public enum CampaignStatus {
    /** Being prepared; nothing is queued. */
    DRAFT,
    /** Started with a {@code sendAt} in the future; starts by itself then. */
    SCHEDULED,
    /** Its audience is being snapshotted and its messages sent. */
    RUNNING,
    /** No new message is claimed until it is resumed; messages in flight finish. */
    PAUSED,
    /** Every recipient has an outcome. */
    FINISHED,
    /** Stopped for good; messages not yet sent were cancelled. */
    CANCELLED;

    public boolean terminal() {
        return this == FINISHED || this == CANCELLED;
    }
}
