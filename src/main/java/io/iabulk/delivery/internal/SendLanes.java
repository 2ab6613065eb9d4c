package io.iabulk.delivery.internal;

import io.iabulk.delivery.internal.JdbcSendCampaigns.ActiveCampaign;
import java.time.Clock;
import java.time.Duration;
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
 */
final class SendLanes {

    static final Duration REFRESH = Duration.ofMillis(250);
    private static final Duration LIVE_WINDOW = Duration.ofSeconds(30);

    private final JdbcSendCampaigns campaigns;
    private final Clock clock;
    private final TokenBucket global;
    private final AtomicInteger turn = new AtomicInteger();
    private volatile List<Long> lanes = List.of();
    private volatile Map<Long, TokenBucket> rates = Map.of();
    private volatile long refreshedAt;
    private volatile boolean loaded;

    SendLanes(JdbcSendCampaigns campaigns, int globalRatePerSecond, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
        this.global = globalRatePerSecond > 0 ? new TokenBucket(globalRatePerSecond, System.nanoTime()) : null;
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
        long now = System.nanoTime();
        TokenBucket campaign = lane == null ? null : rates.get(lane);
        int granted = wanted;
        if (campaign != null) {
            granted = campaign.take(granted, now);
        }
        if (global != null && granted > 0) {
            int fromGlobal = global.take(granted, now);
            if (campaign != null) {
                campaign.refund(granted - fromGlobal);
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
        TokenBucket campaign = lane == null ? null : rates.get(lane);
        if (campaign != null) {
            campaign.refund(unused);
        }
        if (global != null) {
            global.refund(unused);
        }
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
            Map<Long, TokenBucket> nextRates = new HashMap<>();
            for (ActiveCampaign campaign : active) {
                next.add(campaign.campaignId());
                if (campaign.maxRatePerSecond() != null && campaign.maxRatePerSecond() > 0) {
                    double share = campaign.maxRatePerSecond() / (double) live;
                    TokenBucket bucket = rates.get(campaign.campaignId());
                    if (bucket == null) {
                        bucket = new TokenBucket(share, now);
                    } else {
                        bucket.rate(share, now);
                    }
                    nextRates.put(campaign.campaignId(), bucket);
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
