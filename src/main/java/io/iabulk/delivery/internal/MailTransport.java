package io.iabulk.delivery.internal;

import jakarta.mail.internet.MimeMessage;

/** Where messages go: an SMTP relay, or the outbox folder in embedded mode. */
public interface MailTransport {

    /** Hands one message over; throws {@link io.iabulk.delivery.MailSendException} on failure. */
    void send(MimeMessage message);
}
