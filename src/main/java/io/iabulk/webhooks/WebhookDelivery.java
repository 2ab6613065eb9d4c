package io.iabulk.webhooks;

import java.time.Instant;

/**
 * One event sent (or to be sent) to one webhook, as the delivery log shows it.
 *
 * @param eventId the payload's {@code id}, the same at every attempt
 * @param subject what the order is kept for, e.g. {@code participant:42}
 * @param status PENDING, SENDING, DELIVERED or FAILED
 * @param attempts the attempts made (a claim counts as one)
 * @param lastStatusCode the HTTP status of the last answer, or null (no answer: timeout, refused)
 * @param lastError what went wrong at the last attempt, or null
 * @param nextAttemptAt when a PENDING row is tried next (when the lease of a SENDING one ends)
 * @param finishedAt when it was delivered or finally failed, or null
 */
public record WebhookDelivery(
        long id,
        long webhookId,
        String eventId,
        String type,
        String subject,
        String status,
        int attempts,
        Integer lastStatusCode,
        String lastError,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant finishedAt) {}
