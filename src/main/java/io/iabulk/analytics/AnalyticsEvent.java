package io.iabulk.analytics;

import java.time.Instant;

/**
 * A raw event as stored in {@code analytics_events}.
 *
 * @param eventId unique id (the client's, or a time-ordered UUID made by the server); a second
 *     event with the same id on the same day is a duplicate and is not stored
 * @param type dotted lower-case name ({@code email.click}, {@code purchase})
 * @param occurredAt when it happened (its UTC day picks the partition)
 * @param contactId the contact, or null
 * @param contestId the contest, or null
 * @param campaignId the campaign, or null
 * @param sendId the email send (tracking events), or null
 * @param machine why the event was judged machine traffic ({@code apple-mpp}, {@code user-agent},
 *     {@code too-fast}, {@code burst}), or null for a human (or unjudged) event
 * @param properties a JSON object as text, or null
 */
public record AnalyticsEvent(
        String eventId,
        String type,
        Instant occurredAt,
        Long contactId,
        Long contestId,
        Long campaignId,
        Long sendId,
        String machine,
        String properties) {}
