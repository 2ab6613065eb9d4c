package io.iabulk.platform;

/** The caller is known but may not do this (403): a role too small, or a missing anti-forgery token. */
public class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        super("forbidden", message);
    }
}
