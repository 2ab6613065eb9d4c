package io.iabulk.contacts.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads CSV records (RFC 4180: comma-separated, fields optionally in double quotes, {@code ""}
 * inside quotes, quoted fields may span lines) one at a time, each with the number of the line it
 * starts on. A malformed record does not stop the reading: it comes back with an error and the next
 * record starts on the following line, so one broken quote costs one line, not the rest of the file.
 * Blank lines are skipped.
 */
final class CsvRecords implements Closeable {

    /** How far a quoted field may span before its quote is taken as unterminated. */
    static final int MAX_RECORD_CHARS = 64 * 1024;

    static final int MAX_RECORD_LINES = 100;

    /** A record: its fields, or the reason it could not be read. */
    record Record(long line, String[] fields, String error) {}

    private record Line(long number, String text) {}

    private final BufferedReader in;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private long lineNumber;

    CsvRecords(BufferedReader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        Line first;
        do {
            first = nextLine();
            if (first == null) {
                return null;
            }
        } while (first.text().isEmpty());
        String text = first.text();
        if (text.indexOf('"') < 0) {
            return new Record(first.number(), split(text), null);
        }
        List<Line> more = new ArrayList<>();
        while (true) {
            Parsed parsed = parseQuoted(text);
            if (parsed.fields() != null) {
                return new Record(first.number(), parsed.fields(), null);
            }
            if (parsed.error() != null) {
                if (more.isEmpty()) {
                    return new Record(first.number(), null, parsed.error());
                }
                // a quote opened on the first line swallowed the next ones and then broke: the
                // first line is the culprit, the others are records of their own
                pushBack(more);
                return new Record(first.number(), null, "unterminated quoted field");
            }
            // the quote is still open: the field goes on on the next line
            Line next = more.size() < MAX_RECORD_LINES && text.length() <= MAX_RECORD_CHARS ? nextLine() : null;
            if (next == null) {
                pushBack(more);
                return new Record(first.number(), null, "unterminated quoted field");
            }
            more.add(next);
            text = text + "\n" + next.text();
        }
    }

    private void pushBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    private Line nextLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        if (lineNumber == 0 && text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark some spreadsheets write, before a quoted first field too
        }
        return new Line(++lineNumber, text);
    }

    /** The fields of a line without quotes. */
    static String[] split(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                count++;
            }
        }
        String[] fields = new String[count];
        int start = 0;
        for (int f = 0; f < count - 1; f++) {
            int comma = text.indexOf(',', start);
            fields[f] = text.substring(start, comma);
            start = comma + 1;
        }
        fields[count - 1] = text.substring(start);
        return fields;
    }

    private record Parsed(String[] fields, String error) {}

    private static final Parsed OPEN = new Parsed(null, null);

    /** Parses a record with quotes: its fields, an error, or {@link #OPEN} when a quote is unclosed. */
    static Parsed parseQuoted(String text) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                // a quoted field: copy the runs between quotes in bulk; "" is one quote
                StringBuilder field = null;
                int start = i + 1;
                while (true) {
                    int quote = text.indexOf('"', start);
                    if (quote < 0) {
                        return OPEN;
                    }
                    if (quote + 1 < n && text.charAt(quote + 1) == '"') {
                        field = (field == null ? new StringBuilder() : field).append(text, start, quote + 1);
                        start = quote + 2;
                        continue;
                    }
                    fields.add(
                            field == null
                                    ? text.substring(start, quote)
                                    : field.append(text, start, quote).toString());
                    i = quote + 1;
                    break;
                }
                if (i < n && text.charAt(i) != ',') {
                    return new Parsed(null, "unexpected character after a closing quote in field " + fields.size());
                }
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                int quote = text.indexOf('"', i);
                if (quote >= 0 && quote < end) {
                    return new Parsed(null, "quote inside an unquoted field " + (fields.size() + 1));
                }
                fields.add(text.substring(i, end));
                i = end;
            }
            if (i >= n) {
                return new Parsed(fields.toArray(String[]::new), null);
            }
            i++; // the comma
            if (i == n) {
                fields.add("");
                return new Parsed(fields.toArray(String[]::new), null);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
