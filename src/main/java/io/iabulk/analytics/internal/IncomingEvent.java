package io.iabulk.analytics.internal;

/**
 * An event as a client sent it, its fields read but not yet checked.
 *
 * @param index its position in the request (0-based), used in error reports
 * @param eventId the client's id, or null
 * @param contactId the contact's id, or null
 * @param email the contact's address, or null
 * @param type the event type, or null
 * @param contestId the contest, or null
 * @param campaignId the campaign, or null
 * @param occurredAt the ISO-8601 time as sent, or null
 * @param properties the properties object serialised as JSON, or null
 */
public record IncomingEvent(
        int index,
        String eventId,
        Long contactId,
        String email,
        String type,
        Long contestId,
        Long campaignId,
        String occurredAt,
        String properties) {}
