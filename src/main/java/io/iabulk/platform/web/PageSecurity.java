package io.iabulk.platform.web;

import io.iabulk.platform.HtmlPage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser protections of the HTML pages. The only script is the project's own file (the
 * countdown, the live top 10, copy and share), so no inline script can run: should a value ever
 * escape its escaping, it still cannot. Images come from the page's own origin, plus the sites of a
 * contest's logo and prize image on that contest's pages ({@link io.iabulk.platform.PagePolicy}),
 * and the page may only call its own origin. No page may be framed (clickjacking:
 * a framed "confirm" or "unsubscribe" button could be clicked by a visitor of another site) but the
 * ones declared {@link HtmlPage#embeddable()} (the signup form a customer embeds in their site,
 * which changes nothing the visitor did not type), and no referrer is sent, since some addresses
 * hold a token.
 */
final class PageSecurity {

    static final String POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    /** The policy of a page other sites may frame (the embedded signup form). */
    static final String EMBEDDABLE_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors *";

    private PageSecurity() {}

    static void apply(HtmlPage page, HttpServletResponse response) {
        if (page.embeddable()) {
            response.setHeader("Content-Security-Policy", EMBEDDABLE_POLICY);
            response.setHeader("X-Frame-Options", null); // the edge's DENY: removed for this page
        } else {
            response.setHeader("Content-Security-Policy", POLICY);
        }
        response.setHeader("Referrer-Policy", "no-referrer");
        if (page.secretInAddress()) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Robots-Tag", "noindex");
        }
    }
}
