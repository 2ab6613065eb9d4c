package io.iabulk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.webhooks.internal.WebhookWorker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With private addresses not allowed (the default): a webhook to a loopback, private or otherwise
 * internal address is refused at creation, and a delivery whose host resolves to one now (DNS
 * rebinding) is not sent.
 */
@TestPropertySource(properties = "iabulk.webhooks.allow-private-addresses=false")
class WebhookSsrfTest extends HttpTest {

    @Autowired
    WebhookWorker worker;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM webhooks").update();
    }

    @Test
    void internalAddressesAndPlainHttpAreRefusedAtCreation() {
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.0.0.5/hook",
                "https://192.168.1.1:8443/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://0177.0.0.1/hook", // octal 127.0.0.1 to curl and C libraries, 177.0.0.1 to Java
                "https://2130706433/hook",
                "https://127.1/hook",
                "http://93.184.215.14/hook")) {
            Api.Response refused =
                    admin.post("/api/v1/webhooks", Map.of("url", url, "events", List.of("referral.credited")));
            assertThat(refused.status()).as(url + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("url");
        }
        assertThat(admin.post(
                                "/api/v1/webhooks",
                                Map.of("url", "https://93.184.215.14/hook", "events", List.of("referral.credited")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aDeliveryToAHostThatNowResolvesToALoopbackAddressIsNotSent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // as if the name had resolved to a public address at creation and to 127.0.0.1 now
            String url = receiver.url("/hook").replace("127.0.0.1", "localhost");
            long hook = jdbc.sql(
                            "INSERT INTO webhooks (url, secret, enabled, created_at) VALUES (:url, 'secret-0123456789abcdef', TRUE, :now) RETURNING id")
                    .param("url", url)
                    .param("now", java.sql.Timestamp.from(Instant.now()))
                    .query(Long.class)
                    .single();
            jdbc.sql(
                            "INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, subject, payload, status, attempts, due_at, created_at)"
                                    + " VALUES (:hook, 'evt_ssrf', 'referral.credited', 'participant:1', '{}', 'PENDING', 0, :now, :now)")
                    .param("hook", hook)
                    .param("now", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
                    .update();

            assertThat(worker.runOnce()).isEqualTo(1);

            assertThat(receiver.received()).isEmpty();
            List<String> errors = new ArrayList<>();
            admin.get("/api/v1/webhooks/" + hook + "/deliveries")
                    .json()
                    .get("items")
                    .forEach(d -> errors.add(d.get("lastError").asString()));
            assertThat(errors).singleElement().asString().contains("refused").contains("loopback");
        }
    }
}
