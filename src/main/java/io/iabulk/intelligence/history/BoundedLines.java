package io.iabulk.intelligence.history;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line (LF or CRLF) without ever holding more than {@code maxLength} characters
 * of a line: a longer line is skipped up to its end and reported as {@link #TOO_LONG}.
 */
final class BoundedLines implements AutoCloseable {

    /** Returned (by identity) for a line longer than the limit. */
    static final String TOO_LONG = new String("\u0000too long");

    private final Reader reader;
    private final int maxLength;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int position;
    private int limit;
    private long number;

    BoundedLines(Reader reader, int maxLength) {
        this.reader = reader;
        this.maxLength = maxLength;
    }

    /** The number of the line last returned, from 1. */
    long number() {
        return number;
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                int length = position - start;
                if (line.length() + length > maxLength + 1) { // + 1: a CR before the LF
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(buffer, start, length);
                }
            }
            if (position < limit) {
                position++; // the LF
                break;
            }
        }
        number++;
        if (tooLong) {
            return TOO_LONG;
        }
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(--length);
        }
        if (length > maxLength) {
            return TOO_LONG;
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
