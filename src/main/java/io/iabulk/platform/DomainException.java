package io.iabulk.platform;

/**
 * A failure the caller can do something about. The edge maps each kind to its HTTP status and a
 * problem+json body whose {@code type} is {@code urn:iabulk:problem:<code>}.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;

    protected DomainException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable, machine-readable name of the problem, e.g. {@code contest-not-active}. */
    public String code() {
        return code;
    }
}
