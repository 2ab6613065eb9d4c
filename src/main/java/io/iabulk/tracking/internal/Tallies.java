package io.iabulk.tracking.internal;

import io.iabulk.analytics.AnalyticsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rollup counts gathered during a transaction, to be counted once it has committed. */
final class Tallies {

    private record Tally(String type, long campaignId, Instant at) {}

    private final List<Tally> tallies = new ArrayList<>();

    void add(String type, Long campaignId, Instant at) {
        tallies.add(new Tally(type, campaignId == null ? 0 : campaignId, at));
    }

    void countIn(AnalyticsService analytics) {
        for (Tally tally : tallies) {
            analytics.count(tally.type(), 0, tally.campaignId(), tally.at(), 1);
        }
    }
}
