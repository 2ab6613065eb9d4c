package io.iabulk.delivery.internal;

import java.util.List;

/** Where messages go: an SMTP relay, SendGrid, or the outbox folder in embedded mode. */
public interface MailTransport {

    /** A short stable name (smtp, sendgrid, outbox): the key of its circuit breaker and metrics. */
    String name();

    /**
     * Sends a batch and returns one outcome per envelope, in the same order. A failure of one
     * message is its outcome, not an exception; when the provider cannot be reached at all, every
     * message not yet sent gets a {@link SendOutcome.Kind#TRANSIENT} outcome with code 0.
     */
    List<SendOutcome> send(List<Envelope> batch);
}
