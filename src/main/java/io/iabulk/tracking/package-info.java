/**
 * Signed links in messages: unsubscribe links now; the open pixel, click redirects, conversions and
 * machine-traffic detection come with issue 4 (docs/decisions/0013).
 * Tokens are HMAC-signed and carry the send id, so no table of links is needed.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tracking",
        allowedDependencies = {"platform", "contacts", "delivery", "analytics"})
package io.iabulk.tracking;
