package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller (or handler) that renders HTML pages. The edge gives its answers the pages'
 * browser protections: a content security policy that runs no script and allows no framing, no
 * content sniffing and no referrer. Decided by the handler that serves the request, so a path
 * variant of a page gets the same headers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface HtmlPage {

    /**
     * Whether the page's address holds a secret (a confirmation or unsubscribe token): its answers
     * are then never stored by a cache nor indexed by a search engine.
     */
    boolean secretInAddress() default false;

    /**
     * Whether other sites may show the page in a frame: a contest's signup page and the status page
     * it leads to, embedded in a customer's own site. Other pages may not be framed (clickjacking).
     */
    boolean embeddable() default false;
}
