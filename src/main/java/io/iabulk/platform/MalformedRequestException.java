package io.iabulk.platform;

/** The request cannot be read at all (malformed parameters, too many of them): 400. */
public class MalformedRequestException extends DomainException {

    public MalformedRequestException(String message) {
        super("malformed-request", message);
    }
}
