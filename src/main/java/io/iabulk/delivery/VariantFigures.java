package io.iabulk.delivery;

/**
 * How one subject variant of a campaign fares so far.
 *
 * @param index the variant (0-based, the position of its subject)
 * @param sent messages with this subject accepted by the transport
 * @param humanOpens those opened by a person (machine opens, such as privacy proxies, excluded)
 * @param humanClicks those clicked by a person (scanners excluded)
 * @param openRate {@code humanOpens / sent} (0 before any is sent)
 * @param clickRate {@code humanClicks / sent}
 * @param probabilityBest the probability that this variant has the highest true rate of the goal
 *     (opens or clicks), under Beta(1 + successes, 1 + failures) posteriors; the variants' values sum
 *     to 1
 */
public record VariantFigures(
        int index,
        long sent,
        long humanOpens,
        long humanClicks,
        double openRate,
        double clickRate,
        double probabilityBest) {}
