/**
 * Sending email: the send queue ({@code email_sends}) and its workers (claim, render through the
 * {@link io.iabulk.delivery.MessageRenderer}, send, group commit), throttling, backoff and the
 * circuit breaker, the transports (SMTP, the embedded outbox), the message format every email
 * shares, and provider events. See docs/decisions/0006 and 0009.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Delivery",
        allowedDependencies = {"platform", "contacts"})
package io.iabulk.delivery;
