package io.iabulk.platform;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds the absolute links the service hands out (referral links, confirmation links). The base
 * is {@code IABULK_PUBLIC_URL}, or {@code http://localhost:<port>} when it is not configured.
 */
@Component
public class PublicUrls {

    private final URI configured;
    private volatile String base;

    public PublicUrls(PlatformProperties properties) {
        this.configured = properties.publicUrl();
        this.base = configured != null ? stripSlash(configured.toString()) : "http://localhost:8080";
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        if (configured == null && event.getApplicationContext().getServerNamespace() == null) {
            base = "http://localhost:" + event.getWebServer().getPort();
        }
    }

    /** The base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    /** An absolute URL for a path that starts with {@code /}. */
    public String of(String path) {
        return base + path;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
