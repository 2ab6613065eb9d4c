package io.iabulk.delivery.internal;

/**
 * The statuses of a send row ({@code email_sends.status}), plus {@link #POSSIBLY_DUPLICATED}, which
 * only exists in the counts.
 */
public enum SendStatus {
    QUEUED,
    SENDING,
    UNKNOWN,
    SENT,
    FAILED,
    BOUNCED,
    SUPPRESSED,
    CANCELLED,
    /** Not a row status: the count of rows re-sent after their lease expired. */
    POSSIBLY_DUPLICATED
}
