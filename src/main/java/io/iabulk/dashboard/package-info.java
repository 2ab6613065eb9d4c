/**
 * The web pages people see: the participant pages (a contest's signup page, a participant's status
 * page, the confirmation landing page), server-rendered without JavaScript, and the operator console
 * (Thymeleaf and htmx; see docs/decisions/0021). It only reads and drives other modules through
 * their public services.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Dashboard",
        allowedDependencies = {
            "platform",
            "accounts",
            "contests",
            "contacts",
            "campaigns",
            "campaigns :: reports",
            "campaigns :: template-variables",
            "delivery",
            "tracking",
            "analytics",
            "intelligence",
            "intelligence :: models",
            "webhooks"
        })
package io.iabulk.dashboard;
