package io.iabulk.intelligence.models;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the model registry's serving side, prefix {@code iabulk.intelligence.models}.
 *
 * @param checkInterval how often an instance reads which model is active (one lookup by a unique
 *     index), so that an activation on another instance is served here within that time; the
 *     instance that activates swaps at once
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.models")
public record ModelProperties(@NotNull @DefaultValue("5s") Duration checkInterval) {}
