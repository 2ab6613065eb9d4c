package io.iabulk.dashboard.console.home;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.dashboard.console.analytics.RollupSums;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The home page's live counters, from the rollups (never the raw events): three small reads. */
@Component
class LiveCounters {

    /** One counter: what it counts, today and in the last hour. */
    record Counter(String key, String label, String hint, long today, long lastHour) {}

    /** The counters at a moment. */
    record Snapshot(Instant at, List<Counter> counters) {}

    private record Kind(String key, String type, String label, String hint) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("signups", EventTypes.CONTEST_SIGNUP, "Signups", "People who joined a contest"),
            new Kind("confirmations", EventTypes.CONTEST_CONFIRMED, "Confirmations", "Signups confirmed by email"),
            new Kind("sent", EventTypes.EMAIL_SENT, "Emails sent", "Accepted or hard-bounced by the receiver"),
            new Kind("opens", EventTypes.EMAIL_OPEN, "Human opens", "Every open by a person; machine opens left out"),
            new Kind(
                    "clicks",
                    EventTypes.EMAIL_CLICK,
                    "Human clicks",
                    "Every click by a person; machine clicks left out"));

    static final Set<String> TYPES;

    static {
        Set<String> types = new LinkedHashSet<>();
        KINDS.forEach(kind -> types.add(kind.type()));
        TYPES = Set.copyOf(types);
    }

    private final AnalyticsService analytics;
    private final Clock clock;

    LiveCounters(AnalyticsService analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    /** Today (since the operator's midnight) and the last 60 minutes. */
    Snapshot now(ZoneId zone) {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        Map<String, Long> today = RollupSums.sum(analytics, TYPES, midnight, now);
        Map<String, Long> hour = RollupSums.lastHour(analytics, TYPES, now);
        return new Snapshot(
                now,
                KINDS.stream()
                        .map(kind -> new Counter(
                                kind.key(),
                                kind.label(),
                                kind.hint(),
                                today.getOrDefault(kind.type(), 0L),
                                hour.getOrDefault(kind.type(), 0L)))
                        .toList());
    }
}
