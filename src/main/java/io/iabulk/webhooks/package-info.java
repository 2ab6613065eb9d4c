/**
 * Outgoing webhooks: operators' endpoints that are told of contest, contact and campaign events by
 * signed HTTP POSTs, retried with exponential backoff for a day, delivered at least once and in
 * order per subject, kept as rows (they survive a restart) with a delivery log, never sent to a
 * private address unless allowed. A webhook failing for a day is disabled and the owners told. See
 * docs/decisions/0025.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Webhooks",
        allowedDependencies = {"platform", "contacts", "contests", "campaigns", "accounts", "delivery"})
package io.iabulk.webhooks;
