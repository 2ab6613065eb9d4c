/**
 * Operator accounts of the console: the first owner's setup, sign-in and sign-out, sessions (the
 * platform's {@link io.iabulk.platform.OperatorSessions}), roles, password resets by an emailed
 * one-time link, and the account pages (accounts, API keys, audit log). See docs/decisions/0021.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Accounts",
        allowedDependencies = {"platform", "delivery"})
package io.iabulk.accounts;
