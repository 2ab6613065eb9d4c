package io.iabulk.platform;

/** The addressed resource does not exist (404). */
public class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super("not-found", what + " " + id + " does not exist");
    }
}
