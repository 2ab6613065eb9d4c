package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Bodies compressed once and sent many times. Tomcat gzips a response on every request
 * ({@code server.compression}); a body rendered once for many readers (the leaderboard) is better
 * compressed once with it and sent as it is, with {@code Content-Encoding: gzip}, which Tomcat
 * leaves alone. A body that is mostly shared with a part per request (a frame and its hole) is
 * sent as one gzip stream of pieces compressed apart ({@link #piece}, {@link #member}): the shared
 * pieces once, the request's part per request.
 */
public final class Gzip {

    /** Smaller bodies are sent as they are, like {@code server.compression.min-response-size}. */
    public static final int MIN_SIZE = 1024;

    private Gzip() {}

    /** The body compressed at the best level: it is done once and sent many times. */
    public static byte[] compress(byte[] body) {
        return compress(body, Deflater.BEST_COMPRESSION);
    }

    /** The body as one gzip member, compressed at {@code level} (a {@link Deflater} level). */
    public static byte[] compress(byte[] body, int level) {
        return member(new byte[][] {piece(body, level, true)}, new byte[][] {body});
    }

    /**
     * {@code data} as raw DEFLATE blocks that start on a byte with nothing to refer back to, so pieces
     * compressed apart join into one valid stream (as parallel gzip tools do): a piece that is not
     * the {@code last} ends with a sync flush (an empty stored block, byte-aligned), the last one
     * with the final block.
     */
    public static byte[] piece(byte[] data, int level, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
            byte[] buffer = new byte[Math.max(512, data.length + 64)];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                // a sync flush that filled the buffer may have more to write; a finish, until finished
                if (last ? deflater.finished() : n < buffer.length) {
                    return out.toByteArray();
                }
            }
        } finally {
            deflater.end();
        }
    }

    /**
     * One gzip member of the {@code pieces} (from {@link #piece}, only the last one {@code last})
     * in order, whose uncompressed text is {@code plain}, the same parts in the same order.
     */
    public static byte[] member(byte[][] pieces, byte[][] plain) {
        CRC32 crc = new CRC32();
        long size = 0;
        for (byte[] part : plain) {
            crc.update(part);
            size += part.length;
        }
        int length = HEADER.length + 8;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] out = Arrays.copyOf(HEADER, length);
        int at = HEADER.length;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        littleEndian(out, at, crc.getValue());
        littleEndian(out, at + 4, size); // ISIZE: the size modulo 2^32
        return out;
    }

    /** Magic, DEFLATE, no flags, no time, no extra flags, unknown operating system (RFC 1952). */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private static void littleEndian(byte[] out, int at, long value) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /**
     * Whether the request's {@code Accept-Encoding} lists {@code gzip} (or {@code x-gzip}) with a
     * weight above zero. As in Tomcat's compression, {@code *} does not count; an unreadable weight
     * counts as a refusal.
     */
    public static boolean accepted(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Accept-Encoding");
        while (headers != null && headers.hasMoreElements()) {
            for (String element : headers.nextElement().split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                if ((coding.equals("gzip") || coding.equals("x-gzip")) && weight(parts) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
