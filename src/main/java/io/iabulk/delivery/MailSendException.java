package io.iabulk.delivery;

/** A message could not be handed to the transport; {@code transient} failures may be retried. */
public class MailSendException extends RuntimeException {

    private final boolean transientFailure;

    public MailSendException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
