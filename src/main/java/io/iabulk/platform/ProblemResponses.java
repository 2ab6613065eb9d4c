package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes problem details (RFC 9457) as the edge answers them, for code outside Spring MVC's
 * handlers and advice (servlet filters), so every error of the service has the same shape.
 */
public interface ProblemResponses {

    /** Answers 403 with the problem details: {@code type} {@code urn:iabulk:problem:<code>}, the detail. */
    void forbidden(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException;
}
