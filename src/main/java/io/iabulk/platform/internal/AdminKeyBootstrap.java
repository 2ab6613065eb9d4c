package io.iabulk.platform.internal;

import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin key exists. The configured one ({@code IABULK_ADMIN_API_KEY}) is registered.
 * In embedded mode (a laptop), a key is generated on the first start and printed once, to the
 * console only: never through the logger, whose lines may end up in files and log collectors. In
 * production mode no key is ever generated or printed: without a configured or stored one, the
 * start banner says how to set one, and the admin API answers 401 until then.
 */
@Component
class AdminKeyBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeys keys;
    private final PlatformProperties properties;
    private final PublicUrls urls;

    AdminKeyBootstrap(ApiKeys keys, PlatformProperties properties, PublicUrls urls) {
        this.keys = keys;
        this.properties = properties;
        this.urls = urls;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void onReady() {
        boolean embedded = properties.mode() == RuntimeMode.EMBEDDED;
        boolean configured =
                properties.adminApiKey() != null && !properties.adminApiKey().isBlank();
        String generated = null;
        String keyLine;
        if (configured) {
            keys.register("IABULK_ADMIN_API_KEY", properties.adminApiKey().trim());
            keyLine = "the configured one (IABULK_ADMIN_API_KEY)";
        } else if (keys.any()) {
            keys.refresh();
            keyLine = embedded
                    ? "shown at the first start; set IABULK_ADMIN_API_KEY to add one"
                    : "stored; set IABULK_ADMIN_API_KEY to add one";
        } else if (embedded) {
            generated = ApiKeys.generate();
            keys.register("generated at first start", generated);
            keyLine = generated + "\n  (shown once: keep it; send it as 'Authorization: Bearer <key>')";
        } else {
            keyLine = "none yet. Set IABULK_ADMIN_API_KEY to a long random value (for example the output of"
                    + " 'openssl rand -base64 32') and restart; the admin API answers 401 until then";
            log.warn("No admin API key is configured: set IABULK_ADMIN_API_KEY and restart");
        }
        String banner = "\n\n  IA Bulk is running (" + (embedded ? "embedded mode" : "production mode") + ")"
                + "\n  URL:           " + urls.base()
                + "\n  API docs:      " + urls.of("/swagger-ui.html")
                + "\n  Admin API key: " + keyLine + "\n";
        if (generated != null) {
            // the one place a secret is shown: the console of the person who started it
            System.out.println(banner);
        } else {
            log.info(banner);
        }
    }
}
