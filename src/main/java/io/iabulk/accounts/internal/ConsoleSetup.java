package io.iabulk.accounts.internal;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.AccountsProperties;
import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.RuntimeMode;
import io.iabulk.platform.StartBanner;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The console's first start. With no operator yet: the configured owner ({@code
 * IABULK_OWNER_EMAIL}, {@code IABULK_OWNER_PASSWORD}) is created; else, in embedded mode, a
 * one-time setup link is made and printed in the start banner, to the console of the person who
 * started it. In production no link is made: the banner goes through the logger, whose lines end
 * up in files and collectors, and whoever read the link there could claim the first account; the
 * banner says which variables to set instead (as for the admin key). No default password anywhere.
 */
@Component
class ConsoleSetup implements StartBanner {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSetup.class);

    private final AccountService accounts;
    private final AccountsProperties properties;
    private final PublicUrls urls;
    private final PlatformProperties platform;
    private volatile String setupLink;
    private volatile boolean noOwner;

    ConsoleSetup(AccountService accounts, AccountsProperties properties, PublicUrls urls, PlatformProperties platform) {
        this.accounts = accounts;
        this.properties = properties;
        this.urls = urls;
        this.platform = platform;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onReady() {
        if (!accounts.needsSetup()) {
            return;
        }
        String email = properties.ownerEmail();
        if (email != null && !email.isBlank()) {
            String password = properties.ownerPassword();
            if (password == null || password.isEmpty()) {
                log.warn("IABULK_OWNER_EMAIL is set without IABULK_OWNER_PASSWORD: no owner was created");
            } else {
                try {
                    if (accounts.createConfiguredOwner(email.trim(), password)) {
                        log.info("Created the console's first owner {} from IABULK_OWNER_EMAIL", email.trim());
                    }
                    return;
                } catch (RuntimeException e) {
                    log.warn("Could not create the owner from IABULK_OWNER_EMAIL: {}", e.getMessage());
                }
            }
        }
        if (platform.mode() == RuntimeMode.EMBEDDED) {
            setupLink = urls.of("/setup?token=" + accounts.createSetupToken());
        } else {
            noOwner = true;
            log.warn("No console account exists: set IABULK_OWNER_EMAIL and IABULK_OWNER_PASSWORD and restart");
        }
    }

    @Override
    public List<Line> lines() {
        String link = setupLink;
        if (noOwner) {
            return List.of(
                    new Line(
                            "Console setup",
                            "no account yet. Set IABULK_OWNER_EMAIL and IABULK_OWNER_PASSWORD\n(12 characters or more) and restart"));
        }
        if (link == null) {
            return List.of();
        }
        return List.of(new Line("Console setup", link + "\n(open it once to create the first owner account)"));
    }
}
