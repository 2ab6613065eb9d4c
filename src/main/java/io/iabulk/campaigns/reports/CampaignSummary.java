package io.iabulk.campaigns.reports;

import io.iabulk.tracking.LinkClicks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A campaign's totals. {@code sent}, {@code delivered} and {@code bounces} are the exact status
 * counts of its sends; the rest come from the campaign's rollups (see docs/decisions/0013).
 *
 * @param sent messages accepted or hard-bounced by the receiving side
 * @param delivered messages accepted and not bounced later
 * @param uniqueOpens distinct recipients who opened (human opens)
 * @param uniqueClicks distinct recipients who clicked (human clicks)
 * @param conversions sends with at least one conversion
 * @param conversionValue the summed value of every conversion, per currency
 * @param unsubscribes contacts who unsubscribed through the campaign's link
 * @param bounces hard bounces
 * @param complaints spam complaints
 * @param machineOpens open hits judged machine traffic
 * @param machineClicks click hits judged machine traffic
 * @param rates the rates, fractions 0 to 1
 * @param topLinks the most clicked links by distinct human recipients, most first
 */
public record CampaignSummary(
        long sent,
        long delivered,
        long uniqueOpens,
        long uniqueClicks,
        long conversions,
        Map<String, BigDecimal> conversionValue,
        long unsubscribes,
        long bounces,
        long complaints,
        long machineOpens,
        long machineClicks,
        Rates rates,
        List<LinkClicks> topLinks) {

    /**
     * Fractions 0 to 1, 0 when the denominator is 0: delivery and bounce over sent, clickToOpen
     * over unique opens, the others over delivered.
     */
    public record Rates(
            double delivery,
            double open,
            double click,
            double clickToOpen,
            double conversion,
            double unsubscribe,
            double bounce,
            double complaint) {}
}
