package io.iabulk.tracking.internal;

import java.time.Instant;

/**
 * A click waiting for its burst judgement (a row of {@code tracking_click_holds}).
 *
 * @param eventId its raw event
 * @param sendId the send
 * @param campaignId the send's campaign, or null
 * @param linkIndex the clicked link
 * @param linkCount the links of the message
 * @param url the signed URL
 * @param at when it was clicked (the raw event's time)
 * @param machine the reason another rule already gave, or null
 */
public record HeldClick(
        String eventId,
        long sendId,
        Long campaignId,
        int linkIndex,
        int linkCount,
        String url,
        Instant at,
        String machine) {}
