package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.OutgoingMail;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builders of delivery settings and messages for the transport tests. */
final class TestMessages {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);

    private TestMessages() {}

    /** {@link DeliveryProperties} bound from {@code iabulk.delivery.*} entries, defaults elsewhere. */
    static DeliveryProperties properties(Map<String, String> entries) {
        return new Binder(new MapConfigurationPropertySource(entries))
                .bindOrCreate("iabulk.delivery", Bindable.of(DeliveryProperties.class));
    }

    static DeliveryProperties properties() {
        return properties(Map.of("iabulk.delivery.message-id-domain", "mail.example.com"));
    }

    static MimeMessages messages() {
        return new MimeMessages(properties(), CLOCK);
    }

    static OutgoingMail mail(String to) {
        return new OutgoingMail(
                to,
                "News <news@example.com>",
                "Support <help@example.com>",
                "Your weekly news",
                "Hello,\nthis is the text.\n",
                "<p>Hello, this is the <b>HTML</b>.</p>",
                "https://bulk.example.com/u/tok-123_abc",
                Map.of("X-IABulk-Kind", "campaign"));
    }
}
