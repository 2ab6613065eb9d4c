package io.iabulk.dashboard.console.analytics;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The event types the analytics page offers: the platform's own, grouped, and the custom events
 * counted in the last 90 days (read at most once a minute: the list changes rarely).
 */
@Component
class EventTypeChoices {

    /** A type as the picker shows it. */
    record Choice(String type, String label) {}

    /** A group of the picker. */
    record Group(String label, List<Choice> choices) {}

    static final Duration SEEN_WITHIN = Duration.ofDays(90);
    private static final Duration REFRESH = Duration.ofMinutes(1);

    static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put(EventTypes.CONTEST_SIGNUP, "Contest signups");
        KNOWN.put(EventTypes.CONTEST_CONFIRMED, "Confirmations");
        KNOWN.put(EventTypes.CONTEST_FIRST_REFERRAL, "Participants' first referral");
        KNOWN.put(EventTypes.REFERRAL_CREDITED, "Referrals credited");
        KNOWN.put(EventTypes.REFERRAL_FLAGGED, "Referrals flagged");
        KNOWN.put(EventTypes.REFERRAL_REJECTED, "Referrals rejected");
        KNOWN.put(EventTypes.EMAIL_SENT, "Emails sent");
        KNOWN.put(EventTypes.EMAIL_DELIVERED, "Emails delivered");
        KNOWN.put(EventTypes.EMAIL_BOUNCED, "Bounces");
        KNOWN.put(EventTypes.EMAIL_COMPLAINED, "Spam complaints");
        KNOWN.put(EventTypes.EMAIL_OPEN, "Opens: human and machine");
        KNOWN.put(EventTypes.EMAIL_OPENED, "Unique human opens");
        KNOWN.put(EventTypes.EMAIL_CLICK, "Clicks: human and machine");
        KNOWN.put(EventTypes.EMAIL_CLICKED, "Unique human clicks");
        KNOWN.put(EventTypes.EMAIL_UNSUBSCRIBED, "Unsubscribes");
        KNOWN.put(EventTypes.CONVERSION, "Conversions");
        KNOWN.put(EventTypes.EMAIL_CONVERTED, "Unique conversions from emails");
    }

    private final AnalyticsService analytics;
    private final Clock clock;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile List<String> custom = List.of();

    EventTypeChoices(AnalyticsService analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    /** The picker's groups; {@code selected} is added to the custom events when it is not listed. */
    List<Group> groups(String selected) {
        List<Choice> contests = new ArrayList<>();
        List<Choice> email = new ArrayList<>();
        KNOWN.forEach(
                (type, label) -> (type.startsWith("email.") || type.equals(EventTypes.CONVERSION) ? email : contests)
                        .add(new Choice(type, label)));
        List<Choice> customs = new ArrayList<>();
        for (String type : custom()) {
            customs.add(new Choice(type, type));
        }
        if (selected != null && !KNOWN.containsKey(selected) && !custom().contains(selected)) {
            customs.add(new Choice(selected, selected));
        }
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("Contests", contests));
        groups.add(new Group("Email", email));
        if (!customs.isEmpty()) {
            groups.add(new Group("Custom events", customs));
        }
        return groups;
    }

    /** How a type reads in titles. */
    static String label(String type) {
        return KNOWN.getOrDefault(type, type);
    }

    private List<String> custom() {
        Instant now = clock.instant();
        if (readAt.plus(REFRESH).isBefore(now)) {
            custom = analytics.types(now.minus(SEEN_WITHIN)).stream()
                    .filter(type -> !EventTypes.reserved(type))
                    .toList();
            readAt = now;
        }
        return custom;
    }

    /** Forgets the list read (a test that just counted a custom event). */
    void refresh() {
        readAt = Instant.EPOCH;
    }
}
