package io.iabulk.analytics;

import io.iabulk.analytics.internal.EventIds;
import io.iabulk.analytics.internal.JdbcEventLog;
import io.iabulk.analytics.internal.JdbcRollups;
import io.iabulk.analytics.internal.RollupCounter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** What other modules use to record and read analytics. */
@Service
public class AnalyticsService {

    private final JdbcEventLog events;
    private final RollupCounter counter;
    private final JdbcRollups rollups;
    private final Clock clock;

    AnalyticsService(JdbcEventLog events, RollupCounter counter, JdbcRollups rollups, Clock clock) {
        this.events = events;
        this.counter = counter;
        this.rollups = rollups;
        this.clock = clock;
    }

    /**
     * Stores raw events in the caller's transaction (if any); returns the events that were new
     * (an event whose id was already stored for its day is skipped). Does not count rollups: the
     * caller counts what it stored, after commit.
     */
    public List<AnalyticsEvent> append(List<AnalyticsEvent> batch) {
        return batch.isEmpty() ? List.of() : events.append(batch, clock.instant());
    }

    /**
     * A new server-made event id for an event at that time (time-ordered, UUID version 7), for
     * producers that store their own raw events.
     */
    public String newEventId(Instant at) {
        return EventIds.next(at);
    }

    /**
     * Sets the machine-traffic reason of raw events already stored (tracking judges some clicks a
     * moment after storing them), in the caller's transaction; the events are given by id and
     * occurrence time (which picks the day). Returns how many were changed. Rollups are the
     * caller's to count.
     */
    public int flagMachine(String reason, Map<String, Instant> occurredAtById) {
        return occurredAtById.isEmpty() ? 0 : events.flagMachine(reason, occurredAtById);
    }

    /**
     * Adds {@code n} to the rollups of a type at a time. Held in memory and written about every
     * second (and at shutdown); call it after the counted change has committed. Use 0 for no
     * contest or no campaign.
     */
    public void count(String type, long contestId, long campaignId, Instant at, long n) {
        counter.add(type, contestId, campaignId, "", at, n, null);
    }

    /** As {@link #count(String, long, long, Instant, long)}, with a dimension and a value to sum. */
    public void count(
            String type, long contestId, long campaignId, String dimension, Instant at, long n, BigDecimal value) {
        counter.add(type, contestId, campaignId, dimension, at, n, value);
    }

    /** Writes the counts held in memory now (tests step with it; the flusher calls it every second). */
    public void flush() {
        counter.flush();
    }

    /** Buckets of the given types in [from, to); a null contest or campaign sums over all. */
    public List<RollupBucket> series(
            Set<String> types, Long contestId, Long campaignId, Instant from, Instant to, Granularity granularity) {
        return rollups.series(types, contestId, campaignId, from, to, granularity);
    }

    /** Totals of the given types over all time; a null contest or campaign sums over all. */
    public List<RollupTotal> totals(Set<String> types, Long contestId, Long campaignId) {
        return rollups.totals(types, contestId, campaignId);
    }

    /** The types counted since {@code since} (the platform's and custom events), in name order. */
    public List<String> types(Instant since) {
        return rollups.types(since);
    }
}
