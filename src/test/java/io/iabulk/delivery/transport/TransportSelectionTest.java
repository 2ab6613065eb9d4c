package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.platform.PlatformProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import tools.jackson.databind.json.JsonMapper;

class TransportSelectionTest {

    @TempDir
    Path dir;

    @Test
    void sendGridWinsWhenItsKeyIsSetThenSmtpWhenAHostIsSetElseTheOutbox() throws Exception {
        MailProperties relay = new MailProperties();
        relay.setHost("127.0.0.1");
        relay.setPort(2525);
        DeliveryProperties withKey = TestMessages.properties(Map.of("iabulk.delivery.sendgrid.api-key", "SG.k"));
        DeliveryProperties blankKey = TestMessages.properties(Map.of("iabulk.delivery.sendgrid.api-key", ""));

        assertThat(name(withKey, relay)).isEqualTo("sendgrid");
        assertThat(name(withKey, null)).isEqualTo("sendgrid");
        assertThat(name(blankKey, relay)).isEqualTo("smtp");
        assertThat(name(blankKey, null)).isEqualTo("outbox");
    }

    private String name(DeliveryProperties delivery, MailProperties smtp) throws Exception {
        PlatformProperties platform = new Binder(
                        new MapConfigurationPropertySource(Map.of("iabulk.platform.data-dir", dir.toString())))
                .bindOrCreate("iabulk.platform", Bindable.of(PlatformProperties.class));
        MailTransport transport = TransportConfiguration.choose(
                delivery,
                platform,
                TestMessages.CLOCK,
                TestMessages.messages(),
                JsonMapper.builder().build(),
                smtp);
        try {
            return transport.name();
        } finally {
            if (transport instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
