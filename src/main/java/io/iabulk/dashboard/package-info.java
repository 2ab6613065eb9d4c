/**
 * The web pages people see: the participant pages (a contest's signup page, a participant's status
 * page, the confirmation landing page), server-rendered without JavaScript, and later the
 * operators' dashboard. It only reads and drives other modules through their public services.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Dashboard",
        allowedDependencies = {"platform", "contests"})
package io.iabulk.dashboard;
