package io.iabulk.campaigns.reports;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.campaigns.CampaignReportsProperties;
import io.iabulk.campaigns.internal.JdbcCampaignRepository;
import io.iabulk.campaigns.internal.JdbcCampaignRepository.CampaignRow;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SendProgress;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.tracking.TrackingService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaign reports. They read only what is kept small for them: the campaign's rollup rows
 * (hour and day tables for long ranges), its exact status counts and its link counts; never raw
 * events or send rows (docs/decisions/0013).
 */
@Component
public class CampaignReports {

    /** Rollup types of the performance buckets, in the order of {@link PerformanceBucket}'s counts. */
    private static final List<String> PERFORMANCE_TYPES = List.of(
            EventTypes.EMAIL_SENT,
            EventTypes.EMAIL_DELIVERED,
            EventTypes.EMAIL_OPENED,
            EventTypes.EMAIL_CLICKED,
            EventTypes.EMAIL_CONVERTED,
            EventTypes.EMAIL_UNSUBSCRIBED,
            EventTypes.EMAIL_BOUNCED,
            EventTypes.EMAIL_COMPLAINED);

    private static final Set<String> SUMMARY_TYPES = Set.of(
            EventTypes.EMAIL_OPENED,
            EventTypes.EMAIL_CLICKED,
            EventTypes.EMAIL_CONVERTED,
            EventTypes.CONVERSION,
            EventTypes.EMAIL_UNSUBSCRIBED,
            EventTypes.EMAIL_COMPLAINED,
            EventTypes.EMAIL_OPEN_MACHINE,
            EventTypes.EMAIL_CLICK_MACHINE);

    /** Campaign rollup rows carry no contest (docs/decisions/0013): 0 keeps the read on the key prefix. */
    private static final long NO_CONTEST = 0;

    private final JdbcCampaignRepository campaigns;
    private final AnalyticsService analytics;
    private final DeliveryService delivery;
    private final TrackingService tracking;
    private final CampaignReportsProperties properties;
    private final Clock clock;

    CampaignReports(
            JdbcCampaignRepository campaigns,
            AnalyticsService analytics,
            DeliveryService delivery,
            TrackingService tracking,
            CampaignReportsProperties properties,
            Clock clock) {
        this.campaigns = campaigns;
        this.analytics = analytics;
        this.delivery = delivery;
        this.tracking = tracking;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The campaign's buckets from the one holding {@code from} to the last one starting before
     * {@code to}, zeros included. {@code to} defaults to now; {@code from} to the campaign's start
     * (its creation when it never started), moved up to the latest {@code maxBuckets} buckets.
     *
     * @throws NotFoundException when there is no such campaign
     * @throws InvalidRequestException when the range is empty or holds more than {@code maxBuckets}
     *     buckets
     */
    @Transactional(readOnly = true)
    public CampaignPerformance performance(long campaignId, Instant from, Instant to, Granularity granularity) {
        CampaignRow campaign = require(campaignId);
        Instant end = to != null ? to : clock.instant();
        Duration width = granularity.width();
        Instant start;
        if (from != null) {
            start = granularity.bucketOf(from);
            if (!start.isBefore(end)) {
                throw new InvalidRequestException("from", "must be before to");
            }
            long buckets = bucketsBetween(start, end, width);
            if (buckets > properties.maxBuckets()) {
                throw new InvalidRequestException(
                        "granularity",
                        "the range holds %d %s buckets; at most %d are allowed: narrow from/to or use a coarser granularity"
                                .formatted(buckets, name(granularity), properties.maxBuckets()));
            }
        } else {
            Instant began = campaign.startedAt() != null ? campaign.startedAt() : campaign.createdAt();
            start = granularity.bucketOf(began);
            if (!start.isBefore(end)) {
                throw new InvalidRequestException("to", "must be after the campaign's start (" + began + ")");
            }
            long excess = bucketsBetween(start, end, width) - properties.maxBuckets();
            if (excess > 0) {
                start = start.plus(width.multipliedBy(excess));
            }
        }
        return new CampaignPerformance(name(granularity), start, end, buckets(campaignId, start, end, granularity));
    }

    /**
     * The campaign's totals and rates.
     *
     * @throws NotFoundException when there is no such campaign
     */
    @Transactional(readOnly = true)
    public CampaignSummary summary(long campaignId) {
        require(campaignId);
        SendProgress progress = delivery.progress(campaignId);
        long delivered = progress.sent(); // rows still SENT: accepted and not bounced later
        long bounces = progress.bounced();
        long sent = delivered + bounces;

        Map<String, Long> counts = new HashMap<>();
        Map<String, BigDecimal> value = new TreeMap<>();
        for (RollupTotal total : analytics.totals(SUMMARY_TYPES, NO_CONTEST, campaignId)) {
            counts.merge(total.type(), total.count(), Long::sum);
            if (total.type().equals(EventTypes.CONVERSION)
                    && total.value() != null
                    && total.value().signum() != 0) {
                value.merge(total.dimension(), total.value(), BigDecimal::add);
            }
        }
        value.replaceAll((currency, amount) -> money(amount));
        long opens = counts.getOrDefault(EventTypes.EMAIL_OPENED, 0L);
        long clicks = counts.getOrDefault(EventTypes.EMAIL_CLICKED, 0L);
        long conversions = counts.getOrDefault(EventTypes.EMAIL_CONVERTED, 0L);
        long unsubscribes = counts.getOrDefault(EventTypes.EMAIL_UNSUBSCRIBED, 0L);
        long complaints = counts.getOrDefault(EventTypes.EMAIL_COMPLAINED, 0L);
        CampaignSummary.Rates rates = new CampaignSummary.Rates(
                rate(delivered, sent),
                rate(opens, delivered),
                rate(clicks, delivered),
                rate(clicks, opens),
                rate(conversions, delivered),
                rate(unsubscribes, delivered),
                rate(bounces, sent),
                rate(complaints, delivered));
        return new CampaignSummary(
                sent,
                delivered,
                opens,
                clicks,
                conversions,
                value,
                unsubscribes,
                bounces,
                complaints,
                counts.getOrDefault(EventTypes.EMAIL_OPEN_MACHINE, 0L),
                counts.getOrDefault(EventTypes.EMAIL_CLICK_MACHINE, 0L),
                rates,
                tracking.topLinks(campaignId, properties.topLinks()));
    }

    private List<PerformanceBucket> buckets(long campaignId, Instant start, Instant end, Granularity granularity) {
        Map<Instant, long[]> found = new HashMap<>();
        for (RollupBucket row :
                analytics.series(Set.copyOf(PERFORMANCE_TYPES), NO_CONTEST, campaignId, start, end, granularity)) {
            found.computeIfAbsent(row.start(), s -> new long[PERFORMANCE_TYPES.size()])[
                            PERFORMANCE_TYPES.indexOf(row.type())] +=
                    row.count();
        }
        List<PerformanceBucket> buckets = new ArrayList<>();
        long[] none = new long[PERFORMANCE_TYPES.size()];
        for (Instant at = start; at.isBefore(end); at = at.plus(granularity.width())) {
            long[] n = found.getOrDefault(at, none);
            buckets.add(new PerformanceBucket(at, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]));
        }
        return buckets;
    }

    private CampaignRow require(long campaignId) {
        return campaigns.find(campaignId).orElseThrow(() -> new NotFoundException("Campaign", campaignId));
    }

    /** Buckets of {@code width} starting at {@code start} (aligned) whose start is before {@code end}. */
    static long bucketsBetween(Instant start, Instant end, Duration width) {
        Duration span = Duration.between(start, end);
        long whole = span.dividedBy(width); // exact arithmetic: no overflow for far-apart instants
        return span.equals(width.multipliedBy(whole)) ? whole : whole + 1;
    }

    /** n / of as a fraction 0..1; 0 without a denominator. Capped at 1: a message opened and then
     * bounced by its provider is no longer delivered, yet its open stays counted. */
    static double rate(long n, long of) {
        return of <= 0 ? 0 : Math.min(1.0, (double) n / of);
    }

    /** An amount with at least two decimals and no trailing zeros beyond them (12.5000 → 12.50). */
    static BigDecimal money(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
    }

    private static String name(Granularity granularity) {
        return granularity.name().toLowerCase(Locale.ROOT);
    }
}
