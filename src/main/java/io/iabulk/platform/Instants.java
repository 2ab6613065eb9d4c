package io.iabulk.platform;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The instants the service accepts from a client: from the Unix epoch to the end of year 9999.
 * {@code java.time.Instant} reaches the year 1,000,000,000 and PostgreSQL only 294,276, and an
 * instant outside what the database holds fails the statement (a 500), or every later query of a
 * stored filter. Four-digit years are also what every client library and JavaScript's {@code Date}
 * read back. Every parser of a client's time goes through here, so the range is said once.
 */
public final class Instants {

    /** The earliest accepted instant, 1970-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.EPOCH;

    /** The latest accepted instant, the last microsecond of 9999 (the databases keep microseconds). */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** What a field outside the range is told. */
    public static final String RANGE_MESSAGE = "must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    /** What an unreadable time is told. */
    public static final String FORMAT_MESSAGE =
            "must be an ISO-8601 instant such as 2026-11-27T08:00:00Z (or a date such as 2026-11-27)";

    private Instants() {}

    /** Whether an instant lies in the accepted range; null counts as accepted (nothing to store). */
    public static boolean inRange(Instant instant) {
        return instant == null || (!instant.isBefore(MIN) && !instant.isAfter(MAX));
    }

    /**
     * The instant, when in range.
     *
     * @throws InvalidRequestException naming {@code field} otherwise
     */
    public static Instant check(String field, Instant instant) {
        if (!inRange(instant)) {
            throw new InvalidRequestException(field, RANGE_MESSAGE);
        }
        return instant;
    }

    /**
     * Reads a client's time: an ISO-8601 instant ({@code 2026-11-27T08:00:00Z}, or with an offset
     * such as {@code +01:00}) or a date ({@code 2026-11-27}, meaning UTC midnight).
     *
     * @throws InvalidRequestException naming {@code field} when the text is not such a time or lies
     *     outside the accepted range
     */
    public static Instant parse(String field, String text) {
        Instant instant;
        try {
            String value = text.strip();
            if (value.length() == 10) {
                instant = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else if (value.endsWith("Z") || value.endsWith("z")) {
                instant = Instant.parse(value.toUpperCase(java.util.Locale.ROOT));
            } else {
                instant = OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, FORMAT_MESSAGE);
        } catch (DateTimeException | ArithmeticException e) {
            // a readable time that java.time cannot hold (year beyond a billion)
            throw new InvalidRequestException(field, RANGE_MESSAGE);
        }
        return check(field, instant);
    }

    /**
     * An instant from Unix seconds, or null when they lie outside the accepted range (SendGrid's
     * {@code timestamp}).
     */
    public static Instant ofEpochSecondOrNull(long seconds) {
        return seconds < MIN.getEpochSecond() || seconds > MAX.getEpochSecond() ? null : Instant.ofEpochSecond(seconds);
    }
}
