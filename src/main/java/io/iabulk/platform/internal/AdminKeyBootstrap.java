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
 * Makes sure an admin key exists: the configured one is registered; without one, a key is
 * generated on the first start and printed exactly once, with the URL to use it on.
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
        String generated = null;
        if (properties.adminApiKey() != null && !properties.adminApiKey().isBlank()) {
            keys.register("IABULK_ADMIN_API_KEY", properties.adminApiKey().trim());
        } else if (!keys.any()) {
            generated = ApiKeys.generate();
            keys.register("generated at first start", generated);
        } else {
            keys.refresh();
        }
        StringBuilder banner = new StringBuilder()
                .append("\n\n  IA Bulk is running (")
                .append(properties.mode() == RuntimeMode.EMBEDDED ? "embedded mode" : "production mode")
                .append(")\n  URL:           ")
                .append(urls.base())
                .append("\n  API docs:      ")
                .append(urls.of("/swagger-ui.html"));
        if (generated != null) {
            banner.append("\n  Admin API key: ")
                    .append(generated)
                    .append("\n  (shown once: keep it; send it as 'Authorization: Bearer <key>')");
        } else if (properties.adminApiKey() == null) {
            banner.append("\n  Admin API key: shown at the first start; set IABULK_ADMIN_API_KEY to add one");
        } else {
            banner.append("\n  Admin API key: the configured one (IABULK_ADMIN_API_KEY)");
        }
        log.info(banner.append("\n").toString());
    }
}
