/**
 * The learning engine: engagement history imported from other mailers, features built per
 * (contact, send time) without leakage, models trained on a time split and kept in a registry with
 * honest metrics, and the predictions served from the active model (docs/decisions/0019).
 *
 * <p>It reads the other modules only through their public services (contacts, contests, the
 * delivery module's send outcomes) and writes nothing of theirs. The modules that act on
 * predictions (campaigns: segment conditions and template variables) own small interfaces that it
 * implements, so there is no cycle.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Intelligence",
        allowedDependencies = {"platform", "contacts", "contests", "delivery", "campaigns"})
package io.iabulk.intelligence;
