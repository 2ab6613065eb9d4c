package io.iabulk.platform.internal;

import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.RuntimeMode;
import io.iabulk.platform.StartBanner;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin key exists, then prints the start banner. The configured key ({@code
 * IABULK_ADMIN_API_KEY}) is registered. In embedded mode (a laptop), a key is generated on the
 * first start and printed once, to the console only: never through the logger, whose lines may end
 * up in files and log collectors. In production mode no key is ever generated or printed: without
 * a configured or stored one, the start banner says how to set one, and the admin API answers 401
 * until then.
 *
 * <p>The banner is framed and printed last, after the other start-up listeners (the demo contest
 * is created by then), with the lines other modules add ({@link StartBanner}). In embedded mode it
 * goes to the console; in production through the logger, so structured logs stay one event a line.
 */
@Component
class AdminKeyBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    private static final String RULE = "=".repeat(76);
    private static final int COLUMN = "Admin API key: ".length();

    private final ApiKeys keys;
    private final PlatformProperties properties;
    private final PublicUrls urls;
    private final ObjectProvider<StartBanner> banners;

    AdminKeyBootstrap(
            ApiKeys keys, PlatformProperties properties, PublicUrls urls, ObjectProvider<StartBanner> banners) {
        this.keys = keys;
        this.properties = properties;
        this.urls = urls;
        this.banners = banners;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        boolean embedded = properties.mode() == RuntimeMode.EMBEDDED;
        boolean configured =
                properties.adminApiKey() != null && !properties.adminApiKey().isBlank();
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
            String generated = ApiKeys.generate();
            keys.register("generated at first start", generated);
            keyLine = generated + "\n(shown once: keep it; send it as 'Authorization: Bearer <key>')";
        } else {
            keyLine = "none yet. Set IABULK_ADMIN_API_KEY to a long random value (for example\n"
                    + "the output of 'openssl rand -base64 32') and restart; the admin API\nanswers 401 until then";
            log.warn("No admin API key is configured: set IABULK_ADMIN_API_KEY and restart");
        }
        List<StartBanner.Line> lines = new ArrayList<>();
        lines.add(new StartBanner.Line("URL", urls.base()));
        lines.add(new StartBanner.Line("API docs", urls.of("/swagger-ui.html")));
        banners.orderedStream().forEach(banner -> lines.addAll(banner.lines()));
        lines.add(new StartBanner.Line("Admin API key", keyLine));
        String banner = frame("IA Bulk is running (" + (embedded ? "embedded mode" : "production mode") + ")", lines);
        if (embedded) {
            // the console of the person who started it: the one place a generated key is shown
            System.out.println(banner);
        } else {
            log.info(banner);
        }
    }

    /**
     * The banner: blank lines and rules around it, values in one column, continued lines under
     * them. A longer label than the key's is followed by one space: the key line always reads
     * {@code Admin API key: <key>}, which scripts look for.
     */
    static String frame(String title, List<StartBanner.Line> lines) {
        StringBuilder text = new StringBuilder("\n\n  ")
                .append(RULE)
                .append("\n    ")
                .append(title)
                .append("\n\n");
        for (StartBanner.Line line : lines) {
            String[] values = line.value().split("\n");
            String label = line.label() + ":";
            text.append("    ")
                    .append(label)
                    .append(" ".repeat(Math.max(1, COLUMN - label.length())))
                    .append(values[0])
                    .append('\n');
            for (int i = 1; i < values.length; i++) {
                text.append("    ").append(" ".repeat(COLUMN)).append(values[i]).append('\n');
            }
        }
        return text.append("  ").append(RULE).append("\n").toString();
    }
}
