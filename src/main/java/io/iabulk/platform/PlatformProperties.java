package io.iabulk.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shared edge, prefix {@code iabulk.platform}.
 *
 * @param mode the runtime mode, decided from the configuration at start (not set by hand)
 * @param publicUrl base of every link the service hands out (emails, referral links); {@code
 *     IABULK_PUBLIC_URL}; defaults to {@code http://localhost:<port>}
 * @param adminApiKey an admin API key to accept ({@code IABULK_ADMIN_API_KEY}); when unset, one is
 *     generated on the first start and shown once
 * @param dataDir where embedded mode keeps its database and outbox
 * @param demoData whether to create the demo contest on first start (default: in embedded mode)
 * @param apiDocsPublic whether the OpenAPI document and Swagger UI are served without the admin key
 *     (default: in embedded mode only; in production they need the key unless this is on)
 * @param maxRequestSize the largest request body accepted (413 above it)
 * @param trustedProxies peers (addresses or CIDR ranges) whose {@code X-Forwarded-For} is believed
 * @param rateLimit per-client-IP limits of the public endpoints
 * @param redis how the service uses Redis when it is configured
 */
@Validated
@ConfigurationProperties("iabulk.platform")
public record PlatformProperties(
        @DefaultValue("EMBEDDED") RuntimeMode mode,
        URI publicUrl,
        String adminApiKey,
        @DefaultValue("./data") Path dataDir,
        Boolean demoData,
        Boolean apiDocsPublic,
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue({"127.0.0.1/32", "::1/128"}) List<String> trustedProxies,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid Redis redis) {

    /**
     * Per-client-IP rate limits of the public endpoints (token buckets refilled every second).
     *
     * @param enabled whether public endpoints are rate-limited at all
     * @param requestsPerSecond the limit of a group without its own entry
     * @param endpoints limits by group name ({@code signup}, {@code leaderboard}, {@code
     *     participant}, {@code pages}), in requests per second
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") @Min(1) int requestsPerSecond,
            @DefaultValue Map<String, Integer> endpoints) {

        /** The limit of one endpoint group, in requests per second per client IP. */
        public int limitOf(String group) {
            return endpoints.getOrDefault(group, requestsPerSecond);
        }
    }

    /**
     * @param keyPrefix prefix of every key the service writes, so several deployments can share a
     *     server
     */
    public record Redis(@DefaultValue("iabulk:") String keyPrefix) {}

    /** Whether the API docs are public (see {@code apiDocsPublic}). */
    public boolean apiDocsArePublic() {
        return apiDocsPublic != null ? apiDocsPublic : mode == RuntimeMode.EMBEDDED;
    }

    /** Whether demo data should be created on an empty database. */
    public boolean demoDataEnabled() {
        return demoData != null ? demoData : mode == RuntimeMode.EMBEDDED;
    }
}
