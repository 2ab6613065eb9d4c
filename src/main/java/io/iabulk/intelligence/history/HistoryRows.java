package io.iabulk.intelligence.history;

import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the lines of a history file, CSV (after its header) or NDJSON, into rows to store or
 * rejections with a reason code. Times are ISO-8601 with a zone or offset; counts are integers from
 * 0 to {@value #MAX_COUNT}.
 */
final class HistoryRows {

    /** The two formats an upload may have. */
    enum Format {
        CSV,
        NDJSON
    }

    /** Why a line was not imported (docs/decisions/0020). */
    enum Reason {
        /** The address is not a contact (or was erased): import contacts first. */
        UNKNOWN_CONTACT,
        /** Bad syntax, a missing required field, a bad number or address, a value too long. */
        MALFORMED,
        /** A time without a zone or offset: which instant it means is unknown. */
        BAD_ZONE,
        /** A time after the moment of the import. */
        FUTURE_DATE,
        OPENED_BEFORE_SENT,
        CLICKED_BEFORE_SENT,
        UNSUBSCRIBED_BEFORE_SENT,
        BOUNCED_BEFORE_SENT,
        COMPLAINED_BEFORE_SENT
    }

    /** One valid line. {@code opens >= 1} exactly when {@code openedAt} is set (clicks alike). */
    record Row(
            long line,
            EmailAddress email,
            String messageId,
            Instant sentAt,
            Instant openedAt,
            Instant clickedAt,
            int opens,
            int clicks,
            Instant unsubscribedAt,
            Instant bouncedAt,
            Instant complainedAt) {}

    /** One rejected line; {@code email} and {@code messageId} as far as they could be read. */
    record Rejection(long line, Reason reason, String detail, String email, String messageId) {}

    static final int MAX_COUNT = 1_000_000;
    static final int MAX_MESSAGE_ID = 200;

    private static final String[] NAMES = {
        "email",
        "messageId",
        "sentAt",
        "openedAt",
        "clickedAt",
        "opens",
        "clicks",
        "unsubscribedAt",
        "bouncedAt",
        "complainedAt"
    };
    private static final int EMAIL = 0;
    private static final int MESSAGE_ID = 1;
    private static final int SENT_AT = 2;
    private static final int OPENED_AT = 3;
    private static final int CLICKED_AT = 4;
    private static final int OPENS = 5;
    private static final int CLICKS = 6;
    private static final int UNSUBSCRIBED_AT = 7;
    private static final int BOUNCED_AT = 8;
    private static final int COMPLAINED_AT = 9;
    private static final Map<String, Integer> BY_NAME;

    static {
        var names = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < NAMES.length; i++) {
            names.put(NAMES[i].toLowerCase(Locale.ROOT), i);
            // sent_at, as databases and most exports name it
            names.put(NAMES[i].replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT), i);
        }
        BY_NAME = Map.copyOf(names);
    }

    /** A line naming a field twice is refused: which of the two values the old tool meant is unknown. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** No email was sent before this: an earlier time is a broken export (and out of the database's range). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

    private final Format format;
    /** CSV: the column of each field, -1 when the header does not have it. */
    private final int[] columnOf;

    private final int columns;
    private final Instant latest;

    private HistoryRows(Format format, int[] columnOf, int columns, Instant latest) {
        this.format = format;
        this.columnOf = columnOf;
        this.columns = columns;
        this.latest = latest;
    }

    Format format() {
        return format;
    }

    /**
     * The reader of a CSV file whose first line is this header; an unusable header (a required
     * column missing, an unknown or repeated column) is a 400.
     *
     * @param latest times after this instant are FUTURE_DATE
     */
    static HistoryRows csv(String header, Instant latest) {
        if (header == BoundedLines.TOO_LONG) {
            throw invalid("header line is longer than the line limit");
        }
        // a byte-order mark some spreadsheets write, also before a quoted first name
        String[] names = split(header.startsWith("\uFEFF") ? header.substring(1) : header);
        if (names == null) {
            throw invalid("header is not a CSV line (a quote is not closed)");
        }
        int[] columnOf = new int[NAMES.length];
        java.util.Arrays.fill(columnOf, -1);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            String key = name.toLowerCase(Locale.ROOT);
            Integer field = BY_NAME.get(key);
            if (field != null) {
                key = NAMES[field].toLowerCase(Locale.ROOT); // sentAt and sent_at are one column
            }
            if (!seen.add(key)) {
                problems.add("column '" + clip(name) + "' appears twice");
            } else if (field == null) {
                problems.add(
                        "column '" + clip(name) + "' is unknown (the columns are " + String.join(", ", NAMES) + ")");
            } else {
                columnOf[field] = i;
            }
        }
        for (int required : new int[] {EMAIL, MESSAGE_ID, SENT_AT}) {
            if (columnOf[required] < 0 && !seen.contains(NAMES[required].toLowerCase(Locale.ROOT))) {
                problems.add("has no " + NAMES[required] + " column");
            }
        }
        if (!problems.isEmpty()) {
            throw invalid("header " + String.join("; ", problems));
        }
        return new HistoryRows(Format.CSV, columnOf, names.length, latest);
    }

    /**
     * The reader of an NDJSON file whose first non-blank line is this; a first line that is not a
     * JSON object is a 400 (the body is not NDJSON).
     */
    static HistoryRows ndjson(String first, Instant latest) {
        if (first == null) {
            throw invalid("is empty; each line must be a JSON object with email, messageId and sentAt");
        }
        if (first == BoundedLines.TOO_LONG) {
            throw invalid("first line is longer than the line limit");
        }
        try {
            if (!JSON.readTree(first).isObject()) {
                throw invalid("is not NDJSON: its first line is not a JSON object");
            }
        } catch (JacksonException e) {
            if (!namesAFieldTwice(e)) {
                throw invalid("is not NDJSON: its first line is not a JSON object");
            } // an object all the same: its line is rejected on its own
        }
        return new HistoryRows(Format.NDJSON, null, 0, latest);
    }

    /** Reads one data line (not blank): a {@link Row} or a {@link Rejection}. */
    Object read(long line, String text) {
        if (text == BoundedLines.TOO_LONG) {
            return new Rejection(line, Reason.MALFORMED, "the line is longer than the line limit", null, null);
        }
        String[] values = new String[NAMES.length];
        if (format == Format.CSV) {
            String[] cells = split(text);
            if (cells == null) {
                return new Rejection(line, Reason.MALFORMED, "a quoted cell is not closed on its line", null, null);
            }
            if (cells.length != columns) {
                return new Rejection(
                        line,
                        Reason.MALFORMED,
                        "has " + cells.length + " cells, the header " + columns,
                        columnOf[EMAIL] < cells.length ? cells[columnOf[EMAIL]] : null,
                        null);
            }
            for (int f = 0; f < NAMES.length; f++) {
                if (columnOf[f] >= 0) {
                    String cell = cells[columnOf[f]].strip();
                    values[f] = cell.isEmpty() ? null : cell;
                }
            }
        } else {
            String problem = json(text, values);
            if (problem != null) {
                return new Rejection(line, Reason.MALFORMED, problem, values[EMAIL], values[MESSAGE_ID]);
            }
        }
        return row(line, values);
    }

    private Object row(long line, String[] values) {
        String rawEmail = values[EMAIL];
        String messageId = values[MESSAGE_ID];
        Problem problem = new Problem(line, rawEmail, messageId);
        if (rawEmail == null) {
            return problem.of(Reason.MALFORMED, "email is missing");
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(rawEmail);
        } catch (IllegalArgumentException e) {
            return problem.of(Reason.MALFORMED, "email " + e.getMessage());
        }
        if (messageId == null) {
            return problem.of(Reason.MALFORMED, "messageId is missing");
        }
        if (messageId.length() > MAX_MESSAGE_ID) {
            return problem.of(Reason.MALFORMED, "messageId is longer than " + MAX_MESSAGE_ID + " characters");
        }
        for (int i = 0; i < messageId.length(); i++) {
            if (Character.isISOControl(messageId.charAt(i))) {
                return problem.of(Reason.MALFORMED, "messageId holds a control character");
            }
        }
        if (values[SENT_AT] == null) {
            return problem.of(Reason.MALFORMED, "sentAt is missing");
        }
        Instant[] times = new Instant[NAMES.length];
        for (int f : new int[] {SENT_AT, OPENED_AT, CLICKED_AT, UNSUBSCRIBED_AT, BOUNCED_AT, COMPLAINED_AT}) {
            if (values[f] == null) {
                continue;
            }
            Object time = time(values[f]);
            if (time instanceof Reason reason) {
                return problem.of(
                        reason,
                        NAMES[f] + " '" + clip(values[f]) + "' "
                                + (reason == Reason.BAD_ZONE
                                        ? "has no zone or offset (write 2026-03-01T09:00:00Z or …+02:00)"
                                        : "is not an ISO-8601 date-time (like 2026-03-01T09:00:00Z)"));
            }
            times[f] = (Instant) time;
        }
        for (int f : new int[] {SENT_AT, OPENED_AT, CLICKED_AT, UNSUBSCRIBED_AT, BOUNCED_AT, COMPLAINED_AT}) {
            if (times[f] != null && times[f].isAfter(latest)) {
                return problem.of(Reason.FUTURE_DATE, NAMES[f] + " " + times[f] + " is in the future");
            }
            if (times[f] != null && times[f].isBefore(EARLIEST)) {
                return problem.of(Reason.MALFORMED, NAMES[f] + " " + times[f] + " is before 1970");
            }
        }
        Instant sentAt = times[SENT_AT];
        Reason[] before = new Reason[NAMES.length];
        before[OPENED_AT] = Reason.OPENED_BEFORE_SENT;
        before[CLICKED_AT] = Reason.CLICKED_BEFORE_SENT;
        before[UNSUBSCRIBED_AT] = Reason.UNSUBSCRIBED_BEFORE_SENT;
        before[BOUNCED_AT] = Reason.BOUNCED_BEFORE_SENT;
        before[COMPLAINED_AT] = Reason.COMPLAINED_BEFORE_SENT;
        for (int f : new int[] {OPENED_AT, CLICKED_AT, UNSUBSCRIBED_AT, BOUNCED_AT, COMPLAINED_AT}) {
            if (times[f] != null && times[f].isBefore(sentAt)) {
                return problem.of(before[f], NAMES[f] + " " + times[f] + " is before sentAt " + sentAt);
            }
        }
        int[] counts = new int[2];
        int[][] pairs = {{OPENS, OPENED_AT}, {CLICKS, CLICKED_AT}};
        for (int p = 0; p < 2; p++) {
            int countField = pairs[p][0];
            int timeField = pairs[p][1];
            String raw = values[countField];
            int count;
            if (raw == null) {
                count = times[timeField] != null ? 1 : 0;
            } else {
                count = count(raw);
                if (count < 0) {
                    return problem.of(
                            Reason.MALFORMED,
                            NAMES[countField] + " '" + clip(raw) + "' is not a whole number from 0 to " + MAX_COUNT);
                }
            }
            if (count > 0 && times[timeField] == null) {
                return problem.of(
                        Reason.MALFORMED,
                        NAMES[countField] + " is " + count + " without " + NAMES[timeField]
                                + " (the time of the first one is needed)");
            }
            if (count == 0 && times[timeField] != null) {
                return problem.of(Reason.MALFORMED, NAMES[countField] + " is 0 but " + NAMES[timeField] + " is set");
            }
            counts[p] = count;
        }
        // a human click is a human open, as our own tracking counts it (ADR 0013): a click without an
        // open (images blocked), or before it, is the first open
        Instant openedAt = times[OPENED_AT];
        Instant clickedAt = times[CLICKED_AT];
        if (clickedAt != null && (openedAt == null || clickedAt.isBefore(openedAt))) {
            openedAt = clickedAt;
            counts[0] = Math.max(counts[0], 1);
        }
        return new Row(
                line,
                email,
                messageId,
                sentAt,
                openedAt,
                clickedAt,
                counts[0],
                counts[1],
                times[UNSUBSCRIBED_AT],
                times[BOUNCED_AT],
                times[COMPLAINED_AT]);
    }

    private record Problem(long line, String email, String messageId) {
        Rejection of(Reason reason, String detail) {
            return new Rejection(line, reason, detail, email, messageId);
        }
    }

    /**
     * An instant, or the reason it is not one (BAD_ZONE, MALFORMED). Besides ISO-8601 it takes the
     * shapes databases and data-frame libraries export: a space for the {@code T} (RFC 3339 allows
     * it) and an offset without its colon ({@code +02}, {@code +0200}).
     */
    static Object time(String text) {
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        Object parsed = isoTime(iso);
        if (parsed == Reason.MALFORMED) {
            String withColon = offsetWithColon(iso);
            if (withColon != null) {
                return isoTime(withColon);
            }
        }
        return parsed;
    }

    /** The text with an offset {@code +hh} or {@code +hhmm} at its end written {@code +hh:mm}; null when it has none. */
    static String offsetWithColon(String text) {
        int sign = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        int t = text.indexOf('T');
        if (sign <= 10 || t < 0 || t > sign) {
            return null; // the dashes of the date are not an offset
        }
        String digits = text.substring(sign + 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        return switch (digits.length()) {
            case 2 -> text + ":00";
            case 4 -> text.substring(0, sign + 3) + ":" + text.substring(sign + 3);
            default -> null;
        };
    }

    private static Object isoTime(String text) {
        try {
            return Instant.parse(text); // Z or an offset
        } catch (DateTimeException e) {
            // try the other shapes
        }
        try {
            return ZonedDateTime.parse(text)
                    .toInstant(); // an offset and a region, 2026-03-01T09:00+01:00[Europe/Paris]
        } catch (DateTimeException e) {
            // try without a zone
        }
        try {
            LocalDateTime.parse(text);
            return Reason.BAD_ZONE;
        } catch (DateTimeException e) {
            // not even a local date-time
        }
        try {
            LocalDate.parse(text);
            return Reason.BAD_ZONE;
        } catch (DateTimeException e) {
            return Reason.MALFORMED;
        }
    }

    /** A count from 0 to the maximum, or -1. */
    static int count(String text) {
        int point = text.indexOf('.');
        if (point > 0) {
            // a whole number written with a zero fraction ("3.0"), as data frames write a count column with gaps
            for (int i = point + 1; i < text.length(); i++) {
                if (text.charAt(i) != '0') {
                    return -1;
                }
            }
            text = text.substring(0, point);
        }
        if (text.isEmpty() || text.length() > 7) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_COUNT ? value : -1;
    }

    private static boolean namesAFieldTwice(JacksonException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate ");
    }

    /** Fills the values from a JSON object line; the problem, or null. */
    private static String json(String text, String[] values) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            return namesAFieldTwice(e) ? "names a field twice" : "not a JSON object";
        }
        if (node == null || !node.isObject()) {
            return "not a JSON object";
        }
        String problem = null;
        boolean[] named = new boolean[NAMES.length];
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            Integer field = BY_NAME.get(property.getKey().toLowerCase(Locale.ROOT));
            JsonNode value = property.getValue();
            if (field != null && named[field]) {
                return "names a field twice";
            }
            if (field == null) {
                problem = problem != null
                        ? problem
                        : "field '" + clip(property.getKey()) + "' is unknown (the fields are "
                                + String.join(", ", NAMES) + ")";
                continue;
            }
            named[field] = true;
            if (value.isNull()) {
                continue;
            }
            if (value.isString()) {
                String string = value.stringValue();
                values[field] = string.isEmpty() ? null : string;
            } else if ((field == OPENS || field == CLICKS) && value.isIntegralNumber()) {
                values[field] = value.canConvertToLong() ? Long.toString(value.longValue()) : "too large";
            } else if ((field == OPENS || field == CLICKS) && value.isFloatingPointNumber()) {
                double number = value.doubleValue();
                // 3.0 is a whole number; 2.5, NaN or 1e300 is not a count
                values[field] = number == Math.rint(number) && Math.abs(number) <= MAX_COUNT
                        ? Long.toString((long) number)
                        : value.asString();
            } else if (problem == null) {
                problem = property.getKey() + " must be a " + (field == OPENS || field == CLICKS ? "number" : "string");
            }
        }
        return problem;
    }

    /** The cells of a CSV line (RFC 4180 quoting within the line), or null when a quote is not closed. */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>(NAMES.length);
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            cell.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                // text after the closing quote up to the comma is kept, as lenient readers do
                while (i < n && line.charAt(i) != ',') {
                    cell.append(line.charAt(i++));
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                cell.append(line, i, end);
                i = end;
            }
            cells.add(cell.toString());
            if (i >= n) {
                return cells.toArray(String[]::new);
            }
            i++; // the comma
        }
    }

    static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("file", message);
    }
}
