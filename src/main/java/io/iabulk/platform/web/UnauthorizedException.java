package io.iabulk.platform.web;

import io.iabulk.platform.DomainException;

/** The admin API key is missing or not one we know (401). */
class UnauthorizedException extends DomainException {

    UnauthorizedException(String message) {
        super("unauthorized", message);
    }
}
