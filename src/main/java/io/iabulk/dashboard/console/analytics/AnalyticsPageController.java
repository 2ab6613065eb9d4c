package io.iabulk.dashboard.console.analytics;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.RollupBucket;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /analytics}: the time series of an event type over a range and at a granularity the
 * operator picks, from the rollups (the same reads as {@code GET /api/v1/analytics/timeseries}).
 * Opens and clicks come as two series, human and machine. The pickers update the chart with htmx
 * and keep their state in the address (hx-push-url), so a reload or a shared link shows the same.
 */
@Controller
@ConsolePage
class AnalyticsPageController {

    static final String DEFAULT_TYPE = EventTypes.CONTEST_SIGNUP;
    static final Map<String, String> RANGES = new LinkedHashMap<>();
    static final int MAX_DAYS = 366;

    static {
        RANGES.put("24h", "Last 24 hours");
        RANGES.put("7d", "Last 7 days");
        RANGES.put("30d", "Last 30 days");
        RANGES.put("custom", "Custom dates");
    }

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("EEE d, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter TITLE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    /** A granularity as the picker shows it: allowed for the range or not (with why). */
    record GranularityChoice(String value, String label, boolean allowed) {}

    /** What the page shows: the chosen view and its chart. */
    record View(
            String type,
            String typeLabel,
            String range,
            String granularity,
            LocalDate fromDate,
            LocalDate toDate,
            String period,
            Chart chart,
            long total,
            String peak,
            Double humanShare,
            String note) {}

    private final AnalyticsService analytics;
    private static final java.util.regex.Pattern EVENT_TYPE =
            java.util.regex.Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    private final EventTypeChoices types;
    private final Clock clock;
    private final Duration minuteRetention;

    AnalyticsPageController(
            AnalyticsService analytics, EventTypeChoices types, AnalyticsProperties properties, Clock clock) {
        this.analytics = analytics;
        this.types = types;
        this.clock = clock;
        this.minuteRetention = properties.retention();
    }

    @GetMapping("/analytics")
    String page(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String range,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            Operator operator,
            Model model) {
        ZoneId zone = operator.timeZone();
        Instant now = clock.instant();
        // only a name an event can have (as the ingestion accepts them) reaches the rollups' query
        String chosenType = type == null
                        || type.length() > 64
                        || !EVENT_TYPE.matcher(type.strip()).matches()
                ? DEFAULT_TYPE
                : type.strip();
        String chosenRange = range != null && RANGES.containsKey(range) ? range : "7d";
        List<String> notes = new ArrayList<>();

        // the range: the last N hours or days up to now, or whole local days
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant start;
        Instant end = now;
        LocalDate fromDate = date(from, notes, "from");
        LocalDate toDate = date(to, notes, "to");
        switch (chosenRange) {
            case "24h" -> start = now.minus(Duration.ofHours(24));
            case "30d" -> start = now.minus(Duration.ofDays(30));
            case "custom" -> {
                if (toDate == null || toDate.isAfter(today)) {
                    toDate = today;
                }
                if (fromDate == null) {
                    fromDate = toDate.minusDays(6);
                }
                if (fromDate.isAfter(toDate)) {
                    notes.add("The start date was after the end date; they were swapped.");
                    LocalDate swap = fromDate;
                    fromDate = toDate;
                    toDate = swap;
                }
                if (toDate.toEpochDay() - fromDate.toEpochDay() + 1 > MAX_DAYS) {
                    fromDate = toDate.minusDays(MAX_DAYS - 1);
                    notes.add(
                            "A range holds at most " + MAX_DAYS + " days; it starts on " + DAY.format(fromDate) + ".");
                }
                start = fromDate.atStartOfDay(zone).toInstant();
                Instant dayEnd = toDate.plusDays(1).atStartOfDay(zone).toInstant();
                end = dayEnd.isBefore(now) ? dayEnd : now;
            }
            default -> start = now.minus(Duration.ofDays(7));
        }
        if (!"custom".equals(chosenRange)) {
            fromDate = LocalDate.ofInstant(start, zone);
            toDate = today;
        }

        // the granularity: what the range allows (a sensible number of points, the minute table's retention)
        Duration span = Duration.between(start, end);
        List<GranularityChoice> granularities = granularities(span, start, now);
        String chosenGranularity = granularity == null ? null : granularity.toLowerCase(Locale.ROOT);
        String fallback = defaultGranularity(span);
        if (chosenGranularity == null
                || granularities.stream().noneMatch(g -> g.value().equals(granularity) && g.allowed())) {
            if (chosenGranularity != null
                    && granularities.stream().anyMatch(g -> g.value().equals(granularity))) {
                notes.add(explain(granularity) + " Showing " + fallback + "s.");
            }
            chosenGranularity = fallback;
        }

        if ("day".equals(chosenGranularity) && !"custom".equals(chosenRange)) {
            // whole local days: the last 7 or 30 of them, today included
            fromDate = toDate.minusDays("30d".equals(chosenRange) ? 29 : 6);
            start = fromDate.atStartOfDay(zone).toInstant();
        }
        View view = view(chosenType, chosenRange, chosenGranularity, fromDate, toDate, start, end, zone, notes);
        model.addAttribute("view", view);
        model.addAttribute("ranges", RANGES);
        model.addAttribute("granularities", granularities);
        model.addAttribute("typeGroups", types.groups(chosenType));
        boolean fragment = "true".equals(htmx) && !"true".equals(restore);
        return fragment ? "console/analytics/analytics :: view" : "console/analytics/analytics";
    }

    private View view(
            String type,
            String range,
            String granularity,
            LocalDate fromDate,
            LocalDate toDate,
            Instant start,
            Instant end,
            ZoneId zone,
            List<String> notes) {
        List<Chart.Series> series = new ArrayList<>();
        List<String> x = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        String machine = machineTypeOf(type);
        names.put(
                type,
                machine != null
                        ? (type.equals(EventTypes.EMAIL_OPEN) ? "Human opens" : "Human clicks")
                        : EventTypeChoices.label(type));
        if (machine != null) {
            names.put(machine, type.equals(EventTypes.EMAIL_OPEN) ? "Machine opens" : "Machine clicks");
        }
        Map<String, List<Long>> values;
        if (granularity.equals("day")) {
            values = RollupSums.localDays(analytics, names.keySet(), zone, fromDate, toDate, end);
            for (LocalDate day = fromDate; !day.isAfter(toDate); day = day.plusDays(1)) {
                x.add(DAY.format(day));
            }
        } else {
            Granularity unit = granularity.equals("minute") ? Granularity.MINUTE : Granularity.HOUR;
            Instant first = unit.bucketOf(start);
            Instant last = RollupSums.ceil(unit, end);
            Map<String, Map<Instant, Long>> counts = new HashMap<>();
            for (RollupBucket bucket : analytics.series(names.keySet(), null, null, first, last, unit)) {
                counts.computeIfAbsent(bucket.type(), t -> new HashMap<>())
                        .merge(bucket.start(), bucket.count(), Long::sum);
            }
            boolean multiDay = Duration.between(first, last).compareTo(Duration.ofHours(24)) > 0;
            DateTimeFormatter format = unit == Granularity.MINUTE ? MINUTE : (multiDay ? DAY_HOUR : HOUR);
            values = new LinkedHashMap<>();
            for (String t : names.keySet()) {
                values.put(t, new ArrayList<>());
            }
            for (Instant at = first; at.isBefore(last); at = at.plus(unit.width())) {
                x.add(format.format(at.atZone(zone)));
                for (String t : names.keySet()) {
                    values.get(t).add(counts.getOrDefault(t, Map.of()).getOrDefault(at, 0L));
                }
            }
        }
        names.forEach((t, name) -> series.add(new Chart.Series(name, values.get(t))));
        Chart chart = new Chart(x.size() <= 48 ? "bar" : "line", x, series, "count");
        long total = chart.total(0);
        String peak = null;
        List<Long> first = values.get(type);
        long max = 0;
        int at = -1;
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i) > max) {
                max = first.get(i);
                at = i;
            }
        }
        if (at >= 0) {
            peak = x.get(at);
        }
        Double humanShare = null;
        if (machine != null) {
            long all = total + chart.total(1);
            humanShare = all == 0 ? null : (double) total / all;
        }
        String period = TITLE.format(start.atZone(zone)) + " – " + TITLE.format(end.atZone(zone));
        return new View(
                type,
                EventTypeChoices.label(type),
                range,
                granularity,
                fromDate,
                toDate,
                period,
                chart,
                total,
                peak,
                humanShare,
                notes.isEmpty() ? null : String.join(" ", notes));
    }

    /** The machine-traffic rollup shown next to a human one, or null. */
    static String machineTypeOf(String type) {
        return switch (type) {
            case EventTypes.EMAIL_OPEN -> EventTypes.EMAIL_OPEN_MACHINE;
            case EventTypes.EMAIL_CLICK -> EventTypes.EMAIL_CLICK_MACHINE;
            default -> null;
        };
    }

    private List<GranularityChoice> granularities(Duration span, Instant start, Instant now) {
        boolean minute = span.compareTo(Duration.ofHours(24)) <= 0 && !start.isBefore(now.minus(minuteRetention));
        boolean hour = span.compareTo(Duration.ofDays(31)) <= 0;
        boolean day = span.compareTo(Duration.ofHours(47)) > 0;
        return List.of(
                new GranularityChoice("minute", minute ? "Minute" : "Minute (up to 24 hours)", minute),
                new GranularityChoice("hour", hour ? "Hour" : "Hour (up to 31 days)", hour),
                new GranularityChoice("day", day ? "Day" : "Day (from 2 days)", day));
    }

    private String explain(String granularity) {
        return switch (granularity) {
            case "minute" ->
                "Minutes are shown for ranges of up to 24 hours within the last " + minuteRetention.toDays() + " days.";
            case "hour" -> "Hours are shown for ranges of up to 31 days.";
            default -> "Days are shown for ranges of 2 days or more.";
        };
    }

    private static String defaultGranularity(Duration span) {
        return span.compareTo(Duration.ofDays(8)) <= 0 ? "hour" : "day";
    }

    private static LocalDate date(String value, List<String> notes, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            notes.add("The " + name + " date was not a date (YYYY-MM-DD) and was left out.");
            return null;
        }
    }
}
