/**
 * Signed links in messages: open pixel, click redirects, unsubscribe, conversions; machine-traffic detection. See docs/decisions/0013.
 * Tokens are HMAC-signed and carry the send id, so no table of links is needed.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tracking",
        allowedDependencies = {"platform", "contacts", "delivery", "analytics"})
package io.iabulk.tracking;
