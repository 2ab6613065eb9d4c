package io.iabulk.platform.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser protections of the operator console. Scripts and styles come from the service itself
 * only (htmx, the charts and the console's own script, no inline code), so a value that escaped its
 * escaping still could not run; no page may be framed (a framed "Send" button could be clicked
 * through another site); no referrer leaves the console; and nothing is cached, since every page
 * shows data of a signed-in operator.
 */
final class ConsoleSecurity {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';"
            + " object-src 'none'";

    private ConsoleSecurity() {}

    static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
    }
}
