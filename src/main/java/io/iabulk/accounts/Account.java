package io.iabulk.accounts;

import io.iabulk.platform.Role;
import java.time.Instant;
import java.time.ZoneId;

/**
 * An operator account as the accounts page shows it (never its password).
 *
 * @param lockedUntil when a lock after failed sign-ins ends, or {@code null}
 * @param disabledAt when an owner disabled the account, or {@code null}
 * @param pending whether the operator has not chosen a password yet (invited)
 */
public record Account(
        long id,
        String email,
        String name,
        Role role,
        ZoneId timeZone,
        Instant createdAt,
        Instant lastSignInAt,
        Instant lockedUntil,
        Instant disabledAt,
        boolean pending) {}
