package io.iabulk.delivery;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the delivery module, prefix {@code iabulk.delivery}.
 *
 * @param outboxDir where the outbox transport writes {@code .eml} files (defaults to {@code
 *     <data-dir>/outbox})
 * @param messageIdDomain the right-hand side of generated {@code Message-ID}s
 */
@Validated
@ConfigurationProperties("iabulk.delivery")
public record DeliveryProperties(
        Path outboxDir, @DefaultValue("iabulk.localhost") String messageIdDomain) {}
