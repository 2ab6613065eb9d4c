package io.iabulk.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) as a stream and copies one part's content
 * out, so a large file never sits in memory (the servlet container's own parsing would need limits
 * of its own, global to the application). Delimiters are found with Knuth-Morris-Pratt on the fly.
 */
final class MultipartFilePart {

    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 32;

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] fallback;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean started;

    MultipartFilePart(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.fallback = new int[delimiter.length];
        for (int i = 1, k = 0; i < delimiter.length; i++) {
            while (k > 0 && delimiter[i] != delimiter[k]) {
                k = fallback[k - 1];
            }
            if (delimiter[i] == delimiter[k]) {
                k++;
            }
            fallback[i] = k;
        }
    }

    /** The largest value of a form field read besides the file (a choice of a form, not a document). */
    static final int MAX_FIELD = 1024;

    /** How many such fields a body may have. */
    static final int MAX_FIELDS = 16;

    /**
     * Copies the content of the part named {@code field} to {@code out} and reads the body to its
     * end; returns the part's file name (null when it has none). The form's other fields, parts
     * without a file name before or after it, are put into {@code fields} (at most {@value
     * #MAX_FIELDS}, each at most {@value #MAX_FIELD} bytes of UTF-8); other files are skipped. A
     * body without that part, with two of it, or cut short, is a 400.
     */
    String copyTo(String field, OutputStream out, java.util.Map<String, String> fields) throws IOException {
        // the body starts with "--boundary", i.e. the delimiter without its leading CRLF
        started = false;
        if (!skipToDelimiter(null)) {
            throw malformed("has no part");
        }
        boolean copied = false;
        String copiedName = null;
        while (true) {
            int a = read();
            int b = read();
            if (a == '-' && b == '-') {
                if (!copied) {
                    throw new InvalidRequestException("file", "the multipart body has no part named '" + field + "'");
                }
                return copiedName;
            }
            while (a == ' ' || a == '\t') {
                a = b;
                b = read();
            }
            if (a != '\r' || b != '\n') {
                throw malformed("has a broken boundary line");
            }
            String name = null;
            String fileName = null;
            for (int headers = 0; ; headers++) {
                String header = headerLine();
                if (header.isEmpty()) {
                    break;
                }
                if (headers == MAX_HEADERS) {
                    throw malformed("has too many part headers");
                }
                if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    Matcher matcher = NAME.matcher(header);
                    name = matcher.find() ? matcher.group(1) : null;
                    Matcher file = FILE_NAME.matcher(header);
                    fileName = file.find() ? file.group(1) : null;
                }
            }
            if (field.equals(name)) {
                if (copied) {
                    throw malformed("has two parts named '" + field + "'");
                }
                OutputStream sink = new java.io.BufferedOutputStream(out, 64 * 1024);
                if (!skipToDelimiter(sink)) {
                    throw malformed("ends inside the part '" + field + "'");
                }
                sink.flush();
                copied = true;
                copiedName = fileName;
                continue;
            }
            if (name != null && fileName == null) {
                if (fields.size() == MAX_FIELDS) {
                    throw malformed("has more than " + MAX_FIELDS + " form fields");
                }
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                if (!skipToDelimiter(new BoundedOutput(value, name))) {
                    throw malformed("ends inside the part '" + name + "'");
                }
                fields.put(name, value.toString(StandardCharsets.UTF_8));
                continue;
            }
            if (!skipToDelimiter(null)) {
                throw malformed("ends inside a part");
            }
        }
    }

    /** A form field's value, refused past {@link #MAX_FIELD} bytes. */
    private static final class BoundedOutput extends OutputStream {
        private final ByteArrayOutputStream value;
        private final String name;

        BoundedOutput(ByteArrayOutputStream value, String name) {
            this.value = value;
            this.name = name;
        }

        @Override
        public void write(int b) {
            if (value.size() == MAX_FIELD) {
                throw malformed("has a field '" + name + "' over " + MAX_FIELD + " bytes");
            }
            value.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }
    }

    /** Reads up to and including the next delimiter, copying what precedes it to {@code out}. */
    private boolean skipToDelimiter(OutputStream out) throws IOException {
        int matched = started ? 0 : 2; // the first delimiter has no CRLF in front
        started = true;
        int b;
        while ((b = read()) >= 0) {
            while (matched > 0 && delimiter[matched] != b) {
                int shorter = fallback[matched - 1];
                if (out != null) {
                    out.write(delimiter, 0, matched - shorter);
                }
                matched = shorter;
            }
            if (delimiter[matched] == b) {
                if (++matched == delimiter.length) {
                    return true;
                }
            } else if (out != null) {
                out.write(b);
            }
        }
        return false;
    }

    private String headerLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                throw malformed("ends inside the part headers");
            }
            if (b == '\r') {
                if (read() != '\n') {
                    throw malformed("has a bare CR in the part headers");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_HEADER_LINE) {
                throw malformed("has a part header line over " + MAX_HEADER_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xFF;
    }

    private static InvalidRequestException malformed(String what) {
        return new InvalidRequestException("file", "the multipart body " + what);
    }
}
