package io.iabulk.campaigns;

/**
 * One subject variant of a campaign and how it fares so far.
 *
 * @param index the variant, 0-based (its position in {@code subjectVariants})
 * @param subject its subject template
 * @param sent messages with this subject accepted by the transport
 * @param humanOpens those opened by a person (machine opens excluded)
 * @param humanClicks those clicked by a person (machine clicks excluded)
 * @param openRate {@code humanOpens / sent}
 * @param clickRate {@code humanClicks / sent}
 * @param probabilityBest the probability that this variant has the highest true rate of the
 *     campaign's goal, from Beta(1 + successes, 1 + failures) posteriors; sums to 1 over variants
 */
public record CampaignVariant(
        int index,
        String subject,
        long sent,
        long humanOpens,
        long humanClicks,
        double openRate,
        double clickRate,
        double probabilityBest) {}
