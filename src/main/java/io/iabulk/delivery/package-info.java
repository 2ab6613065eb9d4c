/**
 * Sending email: the send queue ({@code email_sends}) and its workers (claim, render through the
 * {@link io.iabulk.delivery.MessageRenderer}, send, group commit), throttling, backoff and the
 * circuit breaker, the transports (pooled SMTP, SendGrid, the embedded outbox), the message format
 * every email shares (with DKIM), and bounce and complaint intake (SendGrid's event webhook). See
 * docs/decisions/0006, 0009 and 0010.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Delivery",
        allowedDependencies = {"platform", "contacts", "analytics"})
package io.iabulk.delivery;
