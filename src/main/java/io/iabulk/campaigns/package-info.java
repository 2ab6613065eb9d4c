/**
 * Templates (Handlebars, compiled once per version), segments (JSON filters compiled to
 * parameterised SQL), campaigns and their lifecycle, transactional messages, and the
 * personalisation context. Renders the sends that delivery claims ({@code MessageRenderer}).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Campaigns",
        allowedDependencies = {"platform", "contacts", "contests", "delivery", "tracking", "analytics"})
package io.iabulk.campaigns;
