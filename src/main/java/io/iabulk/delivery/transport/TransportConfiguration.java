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
import tools.jackson.databind.json.JsonMapper;

/**
 * Picks the one transport of this instance, once, at start: SendGrid when its API key is set, else
 * the SMTP relay when {@code spring.mail.host} is set, else the embedded outbox.
 */
@Configuration(proxyBeanMethods = false)
public class TransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TransportConfiguration.class);

    @Bean
    MailTransport mailTransport(
            DeliveryProperties delivery,
            PlatformProperties platform,
            Clock clock,
            MimeMessages messages,
            JsonMapper json,
            ObjectProvider<MailProperties> mail) {
        MailTransport transport = choose(delivery, platform, clock, messages, json, mail.getIfAvailable());
        log.info(
                "Mail goes through the {} transport{}",
                transport.name(),
                messages.signing() ? ", DKIM-signed" : ", unsigned (no DKIM key configured)");
        return transport;
    }

    static MailTransport choose(
            DeliveryProperties delivery,
            PlatformProperties platform,
            Clock clock,
            MimeMessages messages,
            JsonMapper json,
            MailProperties smtp) {
        if (delivery.sendgrid().enabled()) {
            log.info("SendGrid at {}", delivery.sendgrid().baseUrl());
            return new SendGridMailTransport(delivery.sendgrid(), messages, json);
        }
        if (smtp != null && smtp.getHost() != null && !smtp.getHost().isBlank()) {
            log.info(
                    "SMTP relay {}:{} over up to {} pooled connections",
                    smtp.getHost(),
                    smtp.getPort(),
                    delivery.smtp().poolSize());
            return smtp(smtp, delivery.smtp(), messages);
        }
        Path dir = delivery.outboxDir() != null
                ? delivery.outboxDir()
                : platform.dataDir().resolve("outbox");
        log.info("Outbox folder {}", dir.toAbsolutePath());
        return new OutboxMailTransport(dir, clock, messages);
    }

    /** A pooled SMTP transport to the relay {@code mail} names (also used by tests of the engine). */
    public static MailTransport smtp(MailProperties mail, DeliveryProperties.Smtp pool, MimeMessages messages) {
        return new SmtpMailTransport(new SmtpConnectionPool(mail, pool), messages);
    }
}
