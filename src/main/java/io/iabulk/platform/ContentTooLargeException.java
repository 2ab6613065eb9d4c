package io.iabulk.platform;

/** A request body is larger than the endpoint accepts (413). */
public class ContentTooLargeException extends DomainException {

    private final long limit;

    public ContentTooLargeException(long limit) {
        super("payload-too-large", "The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The largest body accepted, in bytes. */
    public long limit() {
        return limit;
    }
}
