package io.iabulk.accounts.internal;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.AccountsProperties;
import io.iabulk.platform.PublicUrls;
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
 * IABULK_OWNER_EMAIL}, {@code IABULK_OWNER_PASSWORD}) is created, or else a one-time setup link is
 * made and printed in the start banner (to the console in embedded mode, through the logger in
 * production). There is no default password anywhere.
 */
@Component
class ConsoleSetup implements StartBanner {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSetup.class);

    private final AccountService accounts;
    private final AccountsProperties properties;
    private final PublicUrls urls;
    private volatile String setupLink;

    ConsoleSetup(AccountService accounts, AccountsProperties properties, PublicUrls urls) {
        this.accounts = accounts;
        this.properties = properties;
        this.urls = urls;
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
        setupLink = urls.of("/setup?token=" + accounts.createSetupToken());
    }

    @Override
    public List<Line> lines() {
        String link = setupLink;
        if (link == null) {
            return List.of();
        }
        return List.of(new Line("Console setup", link + "\n(open it once to create the first owner account)"));
    }
}
