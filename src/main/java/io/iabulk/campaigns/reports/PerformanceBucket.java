package io.iabulk.campaigns.reports;

import java.time.Instant;

/**
 * What happened to a campaign's messages in one bucket. Opens, clicks and conversions count the
 * first human one of each send (so a bucket never counts a recipient twice for them).
 *
 * @param start the bucket's start (UTC-aligned)
 * @param sent messages accepted or hard-bounced by the receiving side
 * @param delivered messages accepted
 * @param opened first human opens
 * @param clicked first human clicks
 * @param converted first conversions
 * @param unsubscribed contacts who unsubscribed through the campaign's link
 * @param bounced hard bounces, synchronous or reported later
 * @param complained spam complaints
 */
public record PerformanceBucket(
        Instant start,
        long sent,
        long delivered,
        long opened,
        long clicked,
        long converted,
        long unsubscribed,
        long bounced,
        long complained) {}
