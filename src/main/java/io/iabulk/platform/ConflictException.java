package io.iabulk.platform;

/** The request is valid but conflicts with the current state of the resource (409). */
public class ConflictException extends DomainException {

    public ConflictException(String code, String message) {
        super(code, message);
    }
}
