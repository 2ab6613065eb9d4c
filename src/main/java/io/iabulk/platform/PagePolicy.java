package io.iabulk.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Widens, for one answer, the content security policy the edge set on an {@link HtmlPage}: who may
 * frame an embeddable page (a contest's allowed sites) and which other sites its images may come
 * from (a contest's logo and prize image). Everything else stays as the edge wrote it.
 */
public final class PagePolicy {

    private static final String ANY_FRAME = "frame-ancestors *";
    private static final String OWN_IMAGES = "img-src 'self'";

    private PagePolicy() {}

    /** Only these origins (and the page's own) may frame this answer; none given changes nothing. */
    public static void frameAncestors(HttpServletResponse response, List<String> origins) {
        if (!origins.isEmpty()) {
            // origins were checked against the origin grammar when saved: no space, quote or semicolon
            rewrite(response, ANY_FRAME, "frame-ancestors 'self' " + String.join(" ", origins));
        }
    }

    /** Images of this answer may also come from the sites of these https addresses (nulls skipped). */
    public static void images(HttpServletResponse response, List<String> urls) {
        Set<String> origins = new LinkedHashSet<>();
        for (String url : urls) {
            String origin = httpsOrigin(url);
            if (origin != null) {
                origins.add(origin);
            }
        }
        if (!origins.isEmpty()) {
            rewrite(response, OWN_IMAGES, OWN_IMAGES + " " + String.join(" ", origins));
        }
    }

    private static void rewrite(HttpServletResponse response, String directive, String replacement) {
        String policy = response.getHeader("Content-Security-Policy");
        if (policy != null && policy.contains(directive)) {
            response.setHeader("Content-Security-Policy", policy.replace(directive, replacement));
        }
    }

    /** {@code https://host[:port]} of an https address, or null (anything that cannot be a source). */
    static String httpsOrigin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || host == null || !host.matches("[A-Za-z0-9.-]+")) {
                return null;
            }
            return "https://" + host.toLowerCase(java.util.Locale.ROOT)
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The sources of a list, for callers that hold optional values. */
    public static List<String> present(String... values) {
        return java.util.Arrays.stream(values).filter(Objects::nonNull).toList();
    }
}
