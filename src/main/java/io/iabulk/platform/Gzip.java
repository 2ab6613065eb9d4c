package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Bodies compressed once and sent many times. Tomcat gzips a response on every request
 * ({@code server.compression}); a body rendered once for many readers (the leaderboard) is better
 * compressed once with it and sent as it is, with {@code Content-Encoding: gzip}, which Tomcat
 * leaves alone.
 */
public final class Gzip {

    /** Smaller bodies are sent as they are, like {@code server.compression.min-response-size}. */
    public static final int MIN_SIZE = 1024;

    private Gzip() {}

    /** The body compressed at the best level: it is done once and sent many times. */
    public static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
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
