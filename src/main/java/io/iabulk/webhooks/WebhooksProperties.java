package io.iabulk.webhooks;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the webhooks module, prefix {@code iabulk.webhooks}. Defaults are in {@code
 * application.yml}; docs/decisions/0025 explains them.
 *
 * @param enabled whether this instance's worker sends deliveries (events are recorded either way)
 * @param pollInterval how long the worker waits after a claim that found nothing
 * @param batchSize the most deliveries one claim takes
 * @param concurrency how many deliveries one worker sends at the same time
 * @param timeout the longest a delivery may take, connection included; longer counts as a failure
 * @param lease how long a claimed delivery is reserved for its worker; past it (the instance died)
 *     another worker sends it again. Longer than {@code timeout}
 * @param firstRetry the delay before the first retry; each later one doubles it
 * @param maxBackoff the longest delay between two attempts
 * @param jitter the random share added to or taken from each delay (0.2: ±20%)
 * @param retryFor how long after its event a delivery is still retried; then it fails
 * @param disableAfter a webhook whose attempts all failed for this long is disabled and the owners
 *     told
 * @param allowPrivateAddresses whether webhooks may point at private, loopback, link-local and
 *     other non-public addresses, and use plain http (local and test setups only)
 * @param maxWebhooks the most webhooks there may be
 */
@Validated
@ConfigurationProperties("iabulk.webhooks")
public record WebhooksProperties(
        boolean enabled,
        @NotNull Duration pollInterval,
        @Min(1) @Max(1000) int batchSize,
        @Min(1) @Max(256) int concurrency,
        @NotNull Duration timeout,
        @NotNull Duration lease,
        @NotNull Duration firstRetry,
        @NotNull Duration maxBackoff,
        @DecimalMin("0.0") @DecimalMax("0.9") double jitter,
        @NotNull Duration retryFor,
        @NotNull Duration disableAfter,
        boolean allowPrivateAddresses,
        @Min(1) int maxWebhooks) {}
