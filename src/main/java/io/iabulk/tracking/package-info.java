/**
 * Signed links in messages: unsubscribe links now; open and click tracking and conversions later.
 * Tokens are HMAC-signed and carry the send id, so no table of links is needed.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Tracking",
        allowedDependencies = {"platform", "contacts"})
package io.iabulk.tracking;
