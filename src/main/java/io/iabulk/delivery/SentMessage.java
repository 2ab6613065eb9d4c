package io.iabulk.delivery;

import java.time.Instant;

/**
 * One message queued for a contact, with what became of it: a line of the contact's timeline.
 *
 * @param campaignId its campaign, or null for a transactional message
 * @param status where it is: QUEUED, SENDING, SENT, FAILED, BOUNCED, UNKNOWN, CANCELLED
 * @param queuedAt when it was queued
 * @param sentAt when the receiving side accepted it, or null
 * @param openedAt its first human open, or null
 * @param clickedAt its first human click, or null
 * @param convertedAt its first conversion, or null
 * @param complainedAt its first spam complaint, or null
 * @param error why it failed or bounced, or null
 */
public record SentMessage(
        long sendId,
        Long campaignId,
        String status,
        Instant queuedAt,
        Instant sentAt,
        Instant openedAt,
        Instant clickedAt,
        Instant convertedAt,
        Instant complainedAt,
        String error) {}
