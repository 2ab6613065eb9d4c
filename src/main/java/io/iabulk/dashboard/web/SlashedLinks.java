package io.iabulk.dashboard.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A participant page's link shared with a trailing slash (some sites and link shorteners add one)
 * leads to the page instead of a 404: a permanent redirect to the same address without the slash,
 * its query (the {@code ref}) kept as sent.
 */
final class SlashedLinks {

    private SlashedLinks() {}

    /** The redirect for a request whose path ends with the one slash its handler matched. */
    static ResponseEntity<Void> toPage(HttpServletRequest request) {
        // the path as sent (still encoded), on this host: the handler's pattern made it start with /c/ or /p/
        String path = request.getRequestURI();
        String query = request.getQueryString();
        String location = path.substring(0, path.length() - 1) + (query == null ? "" : "?" + query);
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .header(HttpHeaders.LOCATION, location)
                .build();
    }
}
