package io.iabulk.delivery.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With the shipped defaults the SendGrid webhook is closed: SendGrid as the transport is not enough,
 * a verification key must be set too. Forged spam reports then suppress nobody.
 */
@TestPropertySource(
        properties = {
            "iabulk.delivery.webhook.sendgrid-accept-unsigned=false",
            // SendGrid as the transport, but no verification key: still closed
            "iabulk.delivery.sendgrid.api-key=SG.test-key-nothing-is-sent"
        })
class SendGridWebhookOffTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void forgedSpamReportsAre404AndSuppressNobody() {
        long suppressedBefore = suppressed();
        String body = "[{\"email\":\"victim@example.org\",\"timestamp\":1764122400,\"event\":\"spamreport\","
                + "\"send_id\":\"1\"},{\"email\":\"b@example.org\",\"event\":\"spamreport\",\"send_id\":\"2\"}]";

        Api.Response response = api.post("/api/v1/webhooks/sendgrid", body);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(suppressed()).isEqualTo(suppressedBefore);
    }

    @Test
    void theWebhookIsServedOnlyForAVerifiedSendGridTransportOrOnPurpose() {
        assertThat(served(null, null, false)).isFalse();
        assertThat(served("SG.key", null, false)).isFalse();
        assertThat(served(null, "verification-key", false)).isFalse();
        assertThat(served("SG.key", "verification-key", false)).isTrue();
        assertThat(served(null, null, true)).isTrue();
    }

    private long suppressed() {
        return jdbc.sql("SELECT count(*) FROM suppressions").query(Long.class).single();
    }

    private static boolean served(String apiKey, String verificationKey, boolean acceptUnsigned) {
        return new DeliveryProperties.Webhook(verificationKey, Duration.ofMinutes(10), acceptUnsigned)
                .sendgridServed(new DeliveryProperties.SendGrid(
                        apiKey, URI.create("https://api.sendgrid.com"), Duration.ofSeconds(1), 1));
    }
}
