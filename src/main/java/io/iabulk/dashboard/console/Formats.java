package io.iabulk.dashboard.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Numbers, times and sizes written for people, as the console shows them. Templates call it as
 * {@code ${@fmt.count(n)}}, {@code ${@fmt.percent(r)}}, {@code ${@fmt.ago(t, operator.timeZone())}}. The
 * rules for counts, percentages and relative times are mirrored in {@code console.js} (charts, live times):
 * change both together.
 */
@Component("fmt")
public class Formats {

    /** Shown for a missing or meaningless value (null, NaN). */
    public static final String NONE = "—";

    private static final Locale LOCALE = Locale.ENGLISH;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", LOCALE);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", LOCALE);
    private static final String[] COUNT_UNITS = {"k", "M", "B"};
    private static final String[] BYTE_UNITS = {"kB", "MB", "GB", "TB", "PB"};

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    /** 999, 1,234, 9,999, then one decimal: 12.3k, 1.2M, 3.4B (999,950 is 1.0M, never 1000.0k). */
    public String count(long n) {
        if (n == Long.MIN_VALUE) {
            return "-" + scaled(BigDecimal.valueOf(n).negate(), 1000, COUNT_UNITS, "");
        }
        var sign = n < 0 ? "-" : "";
        long abs = Math.abs(n);
        if (abs < 10_000) {
            return sign + NumberFormat.getIntegerInstance(LOCALE).format(abs);
        }
        return sign + scaled(BigDecimal.valueOf(abs), 1000, COUNT_UNITS, "");
    }

    /** {@link #count(long)} for any integer a template holds; null is "—". */
    public String count(Number n) {
        return n == null ? NONE : count(n.longValue());
    }

    /** A ratio as a percentage with one decimal: 0.345 is "34.5 %"; 0 is "0 %"; NaN and null are "—". */
    public String percent(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return NONE;
        }
        if (ratio == 0) {
            return "0 %";
        }
        var value = BigDecimal.valueOf(ratio).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
        if (value.signum() == 0) {
            value = value.abs();
        }
        return value.toPlainString() + " %";
    }

    /** {@link #percent(double)} for a boxed value; null is "—". */
    public String percent(Number ratio) {
        return ratio == null ? NONE : percent(ratio.doubleValue());
    }

    /** A change as a signed percentage for stat tiles: 0.12 is "+12.0 %", -0.031 is "-3.1 %". */
    public String change(Number ratio) {
        var text = percent(ratio);
        return ratio != null && ratio.doubleValue() > 0 && !text.equals(NONE) ? "+" + text : text;
    }

    /**
     * How long ago (or how soon): "just now" within 45 s, "3 min ago", "2 h ago", "yesterday" (24–48 h),
     * "4 days ago", then the date in {@code zone}; in the future "in 3 min", "in 2 h", "tomorrow", "in 4 days".
     */
    public String ago(Instant then, Instant now, ZoneId zone) {
        if (then == null) {
            return NONE;
        }
        long seconds = Duration.between(then, now).getSeconds();
        boolean future = seconds < 0;
        long s = Math.abs(seconds);
        if (s < 45) {
            return "just now";
        }
        long minutes = Math.max(1, s / 60);
        if (minutes < 60) {
            return future ? "in " + minutes + " min" : minutes + " min ago";
        }
        long hours = s / 3600;
        if (hours < 24) {
            return future ? "in " + hours + " h" : hours + " h ago";
        }
        long days = s / 86_400;
        if (days < 2) {
            return future ? "tomorrow" : "yesterday";
        }
        if (days < 7) {
            return future ? "in " + days + " days" : days + " days ago";
        }
        return date(then, zone);
    }

    /** {@link #ago(Instant, Instant, ZoneId)} with dates in UTC. */
    public String ago(Instant then, Instant now) {
        return ago(then, now, ZoneOffset.UTC);
    }

    /** {@link #ago(Instant, Instant, ZoneId)} from the clock's now. */
    public String ago(Instant then, ZoneId zone) {
        return ago(then, clock.instant(), zone);
    }

    /** {@link #ago(Instant, Instant, ZoneId)} from the clock's now, dates in UTC. */
    public String ago(Instant then) {
        return ago(then, clock.instant(), ZoneOffset.UTC);
    }

    /** "7 Dec 2026, 14:05 CET": the operator's zone, with its abbreviation so nobody guesses. */
    public String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? NONE : DATE_TIME.format(instant.atZone(zone));
    }

    /** "7 Dec 2026" in the operator's zone. */
    public String date(Instant instant, ZoneId zone) {
        return instant == null ? NONE : DATE.format(instant.atZone(zone));
    }

    /** The two largest units, a zero second unit left out: "2 d 3 h", "1 h 5 min", "5 min 30 s", "42 s", "250 ms". */
    public String duration(Duration duration) {
        if (duration == null) {
            return NONE;
        }
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        long s = duration.getSeconds();
        if (s == 0) {
            long millis = duration.toMillis();
            return millis == 0 ? "0 s" : millis + " ms";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return pair(s / 60, "min", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3600, "h", s % 3600 / 60, "min");
        }
        return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
    }

    /** Decimal units as file managers show them: "999 B", "1.5 kB", "12.3 MB", "1.2 GB". */
    public String bytes(long bytes) {
        if (bytes < 0) {
            return bytes == Long.MIN_VALUE ? NONE : "-" + bytes(-bytes);
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        return scaled(BigDecimal.valueOf(bytes), 1000, BYTE_UNITS, " ");
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }

    /** One decimal in the smallest unit that stays below 1000 after rounding. */
    private static String scaled(BigDecimal value, int base, String[] units, String separator) {
        var divisor = BigDecimal.ONE;
        for (int i = 0; i < units.length; i++) {
            divisor = divisor.multiply(BigDecimal.valueOf(base));
            var scaled = value.divide(divisor, 1, RoundingMode.HALF_UP);
            if (scaled.compareTo(BigDecimal.valueOf(1000)) < 0 || i == units.length - 1) {
                return scaled.toPlainString() + separator + units[i];
            }
        }
        throw new AssertionError("unreachable");
    }
}
