package io.iabulk.accounts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator accounts and console sessions ({@code iabulk.accounts}).
 *
 * @param ownerEmail the first owner's address, created at start when no operator exists ({@code
 *     IABULK_OWNER_EMAIL}); with it, no setup link is printed
 * @param ownerPassword the first owner's password ({@code IABULK_OWNER_PASSWORD}, at least 12
 *     characters); used only when the owner is created
 * @param sessionIdle how long a session lasts without use
 * @param sessionMax how long a session lasts at most, used or not
 * @param maxFailedSignIns failed sign-ins in a row after which the account is locked for a while
 * @param lockout how long such an account stays locked (a password reset unlocks it)
 * @param resetLinkValidity how long an emailed password-reset link works
 * @param inviteLinkValidity how long a new operator's "choose your password" link works
 * @param setupLinkValidity how long the first start's setup link works (a restart prints a new one)
 * @param mailFrom the sender of the accounts' emails (password resets, invitations)
 */
@Validated
@ConfigurationProperties("iabulk.accounts")
public record AccountsProperties(
        String ownerEmail,
        String ownerPassword,
        @DefaultValue("12h") Duration sessionIdle,
        @DefaultValue("7d") Duration sessionMax,
        @DefaultValue("5") @Min(1) @Max(100) int maxFailedSignIns,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("1h") Duration resetLinkValidity,
        @DefaultValue("7d") Duration inviteLinkValidity,
        @DefaultValue("24h") Duration setupLinkValidity,
        @DefaultValue("IA Bulk <no-reply@localhost>") String mailFrom) {}
