package io.iabulk.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/**
 * Narrows who may frame an {@link HtmlPage#embeddable() embeddable} page to a list of origins (a
 * contest's allowed sites). The edge has already set the page's policy with {@code frame-ancestors
 * *}; this rewrites that directive for this answer only.
 */
public final class FrameAncestors {

    private static final String ANY = "frame-ancestors *";

    private FrameAncestors() {}

    /** Only these origins (and the page's own) may frame this answer; none given changes nothing. */
    public static void only(HttpServletResponse response, List<String> origins) {
        String policy = response.getHeader("Content-Security-Policy");
        if (origins.isEmpty() || policy == null || !policy.contains(ANY)) {
            return;
        }
        // origins were checked against the origin grammar when saved: no space, quote or semicolon
        response.setHeader(
                "Content-Security-Policy", policy.replace(ANY, "frame-ancestors 'self' " + String.join(" ", origins)));
    }
}
