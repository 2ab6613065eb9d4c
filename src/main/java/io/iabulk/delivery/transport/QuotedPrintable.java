package io.iabulk.delivery.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045 section 6.7) of UTF-8 text in one pass over a byte array: line ends
 * become CRLF, lines are soft-broken before 76 characters, and a space or tab before a line end is
 * encoded. Angus Mail's encoder stream does the same a byte at a time through several filter
 * streams, which made it most of the CPU of a campaign message.
 */
final class QuotedPrintable {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private QuotedPrintable() {}

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        Bytes out = new Bytes(in.length + in.length / 4 + 16);
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
                out.crlf();
                column = 0;
                continue;
            }
            boolean lineEndsNext = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
            int width = literal ? 1 : 3;
            // room for the character plus a soft break's '=' unless the line ends right after it
            int limit = lineEndsNext ? MAX_LINE : MAX_LINE - 1;
            if (column + width > limit) {
                out.softBreak();
                column = 0;
            }
            if (literal) {
                out.put(b);
            } else {
                out.escaped(b);
            }
            column += width;
        }
        return out.toArray();
    }

    /** A growable byte buffer without the locking and per-byte checks of ByteArrayOutputStream. */
    private static final class Bytes {

        private byte[] buffer;
        private int size;

        Bytes(int capacity) {
            buffer = new byte[capacity];
        }

        private void room(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void put(int b) {
            room(1);
            buffer[size++] = (byte) b;
        }

        void escaped(int b) {
            room(3);
            buffer[size++] = '=';
            buffer[size++] = HEX[b >> 4];
            buffer[size++] = HEX[b & 0xf];
        }

        void crlf() {
            room(2);
            buffer[size++] = '\r';
            buffer[size++] = '\n';
        }

        void softBreak() {
            room(3);
            buffer[size++] = '=';
            buffer[size++] = '\r';
            buffer[size++] = '\n';
        }

        byte[] toArray() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
