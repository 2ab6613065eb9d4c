package io.iabulk.platform.web;

import io.iabulk.platform.DomainException;

/** The admin API key is missing or not one we know (401). */
class UnauthorizedException extends DomainException {

    /** The {@code WWW-Authenticate} challenge of a 401. */
    static final String CHALLENGE = "Bearer realm=\"iabulk\"";

    UnauthorizedException(String message) {
        super("unauthorized", message);
    }
}
