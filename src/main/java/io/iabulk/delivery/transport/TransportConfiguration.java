package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.platform.PlatformProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the one transport of this instance, once, at start: SendGrid when its API key is set, else
 * the SMTP relay when {@code spring.mail.host} is set, else the embedded outbox.
 */
@Configuration(proxyBeanMethods = false)
class TransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TransportConfiguration.class);

    @Bean
    MailTransport mailTransport(
            DeliveryProperties delivery,
            PlatformProperties platform,
            Clock clock,
            MimeMessages messages,
            ObjectProvider<MailProperties> mail) {
        MailProperties smtp = mail.getIfAvailable();
        MailTransport transport;
        if (smtp != null && smtp.getHost() != null && !smtp.getHost().isBlank()) {
            transport = new SmtpMailTransport(new SmtpConnectionPool(smtp, delivery.smtp()), messages);
            log.info(
                    "Mail goes to the SMTP relay {}:{} over up to {} pooled connections",
                    smtp.getHost(),
                    smtp.getPort(),
                    delivery.smtp().poolSize());
        } else {
            Path dir = delivery.outboxDir() != null
                    ? delivery.outboxDir()
                    : platform.dataDir().resolve("outbox");
            transport = new OutboxMailTransport(dir, clock, messages);
            log.info("Mail goes to the outbox folder {}", dir.toAbsolutePath());
        }
        return transport;
    }
}
