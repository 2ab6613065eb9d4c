package io.iabulk.delivery;

import java.time.Instant;

/**
 * What tracking needs to know of a send.
 *
 * @param sendId the send
 * @param contactId its recipient
 * @param campaignId its campaign, or null for a transactional message
 * @param sentAt when the receiving side accepted it, or null (not sent yet, or never)
 * @param openedAt its first human open, or null
 * @param clickedAt its first human click, or null
 * @param convertedAt its first conversion, or null
 */
public record SendFacts(
        long sendId,
        long contactId,
        Long campaignId,
        Instant sentAt,
        Instant openedAt,
        Instant clickedAt,
        Instant convertedAt) {}
