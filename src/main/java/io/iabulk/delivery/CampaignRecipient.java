package io.iabulk.delivery;

import java.time.Instant;

/**
 * One row of a campaign's per-recipient log, as delivery keeps it.
 *
 * @param contactId the recipient
 * @param email the recipient's address (as the contact has it now)
 * @param status {@code SCHEDULED} (queued, its planned time ahead), {@code QUEUED}, {@code SENDING},
 *     {@code UNKNOWN}, {@code SENT}, {@code FAILED}, {@code BOUNCED} or {@code CANCELLED}
 * @param variant the subject variant's index, or null when none is assigned yet
 * @param scheduledAt the planned send time (send-time optimisation), or null when sent at once
 * @param sentAt when the receiving side accepted it, or null
 * @param attempts the attempts made so far
 * @param lastError the last error (transient or permanent), or null
 * @param openedAt the first human open, or null
 * @param clickedAt the first human click, or null
 */
public record CampaignRecipient(
        long contactId,
        String email,
        String status,
        Integer variant,
        Instant scheduledAt,
        Instant sentAt,
        int attempts,
        String lastError,
        Instant openedAt,
        Instant clickedAt) {

    /** The statuses a recipient can have, as filters accept them. */
    public static final java.util.List<String> STATUSES =
            java.util.List.of("SCHEDULED", "QUEUED", "SENDING", "UNKNOWN", "SENT", "FAILED", "BOUNCED", "CANCELLED");
}
