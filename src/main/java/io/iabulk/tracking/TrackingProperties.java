package io.iabulk.tracking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tracking module, prefix {@code iabulk.tracking}.
 *
 * @param secret the HMAC key of tracking tokens ({@code IABULK_TRACKING_SECRET}); when empty, a
 *     random key is made once and kept in the database, shared by every instance
 */
@Validated
@ConfigurationProperties("iabulk.tracking")
public record TrackingProperties(String secret) {}
