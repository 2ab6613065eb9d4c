package io.iabulk.tracking.web;

import java.nio.charset.StandardCharsets;

/** Where a click redirect points: the signed URL, with the conversion token when asked for. */
final class RedirectTargets {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RedirectTargets() {}

    /**
     * The URL with {@code name=value} added to its query (after an existing {@code ?} or {@code &},
     * before a {@code #fragment}); {@code value} must need no encoding.
     */
    static String withParameter(String url, String name, String value) {
        int hash = url.indexOf('#');
        String head = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        int query = head.indexOf('?');
        String separator;
        if (query < 0) {
            separator = "?";
        } else if (head.endsWith("?") || head.endsWith("&")) {
            separator = "";
        } else {
            separator = "&";
        }
        return head + separator + name + '=' + value + fragment;
    }

    /**
     * The URL fit for a {@code Location} header: characters outside printable ASCII are
     * percent-encoded as UTF-8 (header values are ISO-8859-1 on the wire); the rest is kept.
     */
    static String asciiOnly(String url) {
        boolean plain = true;
        for (int i = 0; i < url.length() && plain; i++) {
            char c = url.charAt(i);
            plain = c > ' ' && c < 0x7F;
        }
        if (plain) {
            return url;
        }
        StringBuilder out = new StringBuilder(url.length() + 16);
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > ' ' && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
