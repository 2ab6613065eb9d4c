/**
 * Sending email: transports (SMTP with pooled connections, the embedded outbox), and the message
 * format every email shares. Campaign sending grows here.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Delivery",
        allowedDependencies = {"platform", "contacts"})
package io.iabulk.delivery;
