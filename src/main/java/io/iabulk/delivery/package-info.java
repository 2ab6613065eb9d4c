/**
 * Sending email: transports (SMTP with pooled connections, SendGrid, the embedded outbox), the
 * message format every email shares (with DKIM), and bounce and complaint intake (SendGrid's event
 * webhook). Campaign sending grows here.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Delivery",
        allowedDependencies = {"platform", "contacts"})
package io.iabulk.delivery;
