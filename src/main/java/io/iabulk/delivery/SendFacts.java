package io.iabulk.delivery;

import java.time.Instant;

/**
 * What the tracking module reads of a send row.
 *
 * @param campaignId the campaign, or null for a transactional message
 * @param sentAt when the receiving side accepted it, or null (not sent, or hard-bounced)
 * @param openedAt the first human open, or null
 * @param clickedAt the first human click, or null
 * @param convertedAt the first conversion, or null
 */
public record SendFacts(
        long sendId,
        long contactId,
        Long campaignId,
        Instant sentAt,
        Instant openedAt,
        Instant clickedAt,
        Instant convertedAt) {}
