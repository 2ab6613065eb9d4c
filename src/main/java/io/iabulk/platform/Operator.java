package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Who is making a request: a signed-in operator, or an admin API key (which acts as an owner). The
 * edge puts it on the request once it has checked the credentials; controllers take it as a
 * parameter.
 *
 * @param id the operator's id, or the API key's id for a key
 * @param email the operator's address; for a key, {@code "api-key:<name>"}
 * @param name the operator's display name (the key's name for a key)
 * @param role what it may do
 * @param timeZone the zone the operator reads times in
 * @param csrfToken the session's anti-forgery token; {@code null} for a key (a Bearer header cannot
 *     be forged by another site)
 * @param apiKey whether the request came with an API key rather than a session
 */
public record Operator(
        long id, String email, String name, Role role, ZoneId timeZone, String csrfToken, boolean apiKey) {

    private static final String ATTRIBUTE = Operator.class.getName();

    /** The operator the edge found for a request, if any. */
    public static Optional<Operator> of(HttpServletRequest request) {
        return Optional.ofNullable((Operator) request.getAttribute(ATTRIBUTE));
    }

    /** Puts the operator on the request (the edge does it). */
    public void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** How the audit log names who acted. */
    public String actor() {
        return email;
    }
}
