package io.iabulk.delivery.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.iabulk.delivery.internal.JdbcSendCampaigns.ActiveCampaign;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lanes a worker pool claims from (transactional mail, then each active campaign, in turn) and
 * their rate limits: the instance's global rate and each campaign's rate divided among the live
 * instances. The list of active campaigns is re-read at most every {@link #REFRESH}; the claim
 * itself checks that a campaign is still active, so a pause takes effect at once.
 *
 * <p>Rates are Bucket4j token buckets in this process, taken once per claim (a batch, not a
 * message): a worker asks for a batch's worth of permits, claims as many rows as it got and gives
 * back what it did not claim.
 */
final class SendLanes {

    static final Duration REFRESH = Duration.ofMillis(250);
    private static final Duration LIVE_WINDOW = Duration.ofSeconds(30);

    private final JdbcSendCampaigns campaigns;
    private final Clock clock;
    private final TimeMeter time;
    private final Bucket global;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<Long> lanes = List.of();
    private volatile Map<Long, CampaignRate> rates = Map.of();
    private volatile long refreshedAt;
    private volatile boolean loaded;

    SendLanes(JdbcSendCampaigns campaigns, int globalRatePerSecond, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
        this.time = timeOf(clock);
        this.global = globalRatePerSecond > 0 ? bucket(globalRatePerSecond, time) : null;
    }

    /** The rates follow the injected clock (a test that pins it stops the refill). */
    private static TimeMeter timeOf(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** A campaign's share of its rate on this instance, and its bucket. */
    private record CampaignRate(double share, Bucket bucket) {}

    /**
     * A bucket granting {@code ratePerSecond} permits a second that holds one second's worth (a
     * burst never exceeds the rate over a second), and at least one permit (a rate under one a
     * second still lets a message through). It starts full.
     */
    static Bucket bucket(double ratePerSecond, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit(ratePerSecond))
                .withCustomTimePrecision(time)
                .build();
    }

    private static Bandwidth limit(double ratePerSecond) {
        // whole permits: capacity permits every capacity/rate seconds is exactly the rate
        long capacity = Math.max(1, (long) ratePerSecond);
        Duration period = Duration.ofNanos(Math.round(capacity * 1e9 / ratePerSecond));
        return Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(capacity, period)
                .build();
    }

    /** Changes a bucket's rate (instances came or went), keeping the permits already earned. */
    static void changeRate(Bucket bucket, double ratePerSecond) {
        bucket.replaceConfiguration(
                BucketConfiguration.builder().addLimit(limit(ratePerSecond)).build(), TokensInheritanceStrategy.AS_IS);
    }

    /** The lanes to try, starting at the next one in turn; null is transactional mail. */
    List<Long> order() {
        refreshIfStale();
        List<Long> current = lanes;
        List<Long> order = new ArrayList<>(current.size());
        int start = Math.floorMod(turn.getAndIncrement(), current.size());
        for (int i = 0; i < current.size(); i++) {
            order.add(current.get((start + i) % current.size()));
        }
        return order;
    }

    /** Permits to claim up to {@code wanted} rows of a lane now (0 when a rate is spent). */
    int permits(Long lane, int wanted) {
        Bucket campaign = campaignBucket(lane);
        int granted = wanted;
        if (campaign != null) {
            granted = (int) campaign.tryConsumeAsMuchAsPossible(granted);
        }
        if (global != null && granted > 0) {
            int fromGlobal = (int) global.tryConsumeAsMuchAsPossible(granted);
            if (campaign != null && fromGlobal < granted) {
                campaign.addTokens(granted - fromGlobal);
            }
            granted = fromGlobal;
        }
        return granted;
    }

    /** Gives back permits of rows that were not there to claim. */
    void refund(Long lane, int unused) {
        if (unused <= 0) {
            return;
        }
        Bucket campaign = campaignBucket(lane);
        if (campaign != null) {
            campaign.addTokens(unused);
        }
        if (global != null) {
            global.addTokens(unused);
        }
    }

    private Bucket campaignBucket(Long lane) {
        CampaignRate rate = lane == null ? null : rates.get(lane);
        return rate == null ? null : rate.bucket();
    }

    private void refreshIfStale() {
        long now = System.nanoTime();
        if (loaded && now - refreshedAt < REFRESH.toNanos()) {
            return;
        }
        synchronized (this) {
            if (loaded && now - refreshedAt < REFRESH.toNanos()) {
                return;
            }
            List<ActiveCampaign> active = campaigns.active();
            int live = active.stream().anyMatch(c -> c.maxRatePerSecond() != null)
                    ? campaigns.liveInstances(clock.instant(), LIVE_WINDOW)
                    : 1;
            List<Long> next = new ArrayList<>();
            next.add(null);
            Map<Long, CampaignRate> nextRates = new HashMap<>();
            for (ActiveCampaign campaign : active) {
                next.add(campaign.campaignId());
                if (campaign.maxRatePerSecond() != null && campaign.maxRatePerSecond() > 0) {
                    double share = campaign.maxRatePerSecond() / (double) live;
                    CampaignRate rate = rates.get(campaign.campaignId());
                    if (rate == null) {
                        rate = new CampaignRate(share, bucket(share, time));
                    } else if (rate.share() != share) {
                        changeRate(rate.bucket(), share);
                        rate = new CampaignRate(share, rate.bucket());
                    }
                    nextRates.put(campaign.campaignId(), rate);
                }
            }
            // not List.copyOf: the transactional lane is null
            lanes = java.util.Collections.unmodifiableList(next);
            rates = Map.copyOf(nextRates);
            refreshedAt = now;
            loaded = true;
        }
    }
}
