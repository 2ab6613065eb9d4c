package io.iabulk.delivery.web;

import static io.iabulk.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SendGrid's public webhook fed values no real event has: an impossible {@code timestamp} or a NUL
 * skips that event (counted in the answer), a {@code send_id} beyond {@code long} matches nothing,
 * and a signed-timestamp header beyond {@code Instant} is a 403; never a 500, and the skipped events
 * change nothing.
 */
class SendGridHostileEventsTest extends HttpTest {

    private static final String PATH = "/api/v1/webhooks/sendgrid";

    @DynamicPropertySource
    static void sendGrid(DynamicPropertyRegistry registry) {
        registry.add(
                "iabulk.delivery.webhook.sendgrid-verification-key",
                () -> Base64.getEncoder()
                        .encodeToString(SendGridEventsTest.Keys.PAIR.getPublic().getEncoded()));
        // SendGrid as the transport, as in production, but this context sends nothing
        registry.add("iabulk.delivery.sendgrid.api-key", () -> "SG.test");
        registry.add("iabulk.delivery.sendgrid.base-url", () -> "http://127.0.0.1:9");
        registry.add("iabulk.delivery.workers", () -> "0");
    }

    @Autowired
    JdbcClient jdbc;

    long campaign;
    long send;

    @BeforeEach
    void sentRow() {
        campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        send = CampaignTestData.sentRow(jdbc, campaign, Instant.now().minusSeconds(60));
    }

    @Test
    void eventsWithAnImpossibleTimestampOrANulAreSkippedAndChangeNothing() throws Exception {
        long other = CampaignTestData.sentRow(jdbc, campaign, Instant.now().minusSeconds(60));
        List<String> hostile = List.of(
                "{\"event\":\"bounce\",\"send_id\":\"%d\",\"timestamp\":1e20}",
                "{\"event\":\"bounce\",\"send_id\":\"%d\",\"timestamp\":9223372036854775807}",
                "{\"event\":\"bounce\",\"send_id\":\"%d\",\"timestamp\":-9223372036854775808}",
                "{\"event\":\"spamreport\",\"send_id\":\"%d\",\"timestamp\":18446744073709551616}",
                "{\"event\":\"spamreport\",\"send_id\":\"%d\",\"timestamp\":1e400}",
                "{\"event\":\"unsubscribe\",\"send_id\":\"%d\",\"timestamp\":\"yesterday\"}",
                "{\"event\":\"bounce\",\"send_id\":\"%d\",\"reason\":\"550 \\u0000\"}",
                "{\"event\":\"dropped\",\"send_id\":\"%d\",\"sg_message_id\":\"\\u0000.filter\"}");
        StringBuilder body = new StringBuilder("[");
        hostile.forEach(event -> body.append(event.formatted(send)).append(','));
        body.append("{\"event\":\"bounce\",\"send_id\":\"").append(other).append("\",\"timestamp\":1764122400}]");

        Api.Response response =
                signed(body.toString(), Long.toString(Instant.now().getEpochSecond()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("applied").asInt()).isEqualTo(1);
        assertThat(response.json().get("skipped").asInt()).isEqualTo(hostile.size());
        assertThat(status(send)).isEqualTo("SENT");
        assertThat(contactStatus(send)).isEqualTo("ACTIVE");
        assertThat(status(other)).as("the good event of the batch is applied").isEqualTo("BOUNCED");
    }

    @Test
    void aSendIdThatIsNoIdMatchesNothing() throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (String id :
                List.of("18446744073709551616", "-" + send, "\"abc\"", "1e30", "{}", "\"" + send + "0000000000\"")) {
            body.append("{\"event\":\"bounce\",\"timestamp\":1764122400,\"send_id\":")
                    .append(id)
                    .append("},");
        }
        body.setLength(body.length() - 1);

        Api.Response response =
                signed(body.append(']').toString(), Long.toString(Instant.now().getEpochSecond()));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(status(send)).isEqualTo("SENT");
    }

    @Test
    void aSignedTimestampBeyondInstantIsA403NotA500() throws Exception {
        String body = "[{\"event\":\"bounce\",\"send_id\":\"" + send + "\"}]";

        for (String timestamp : List.of("9223372036854775807", "-9223372036854775808", "31556889864403200")) {
            assertProblem(signed(body, timestamp), 403, "webhook-signature");
        }
        assertThat(status(send)).isEqualTo("SENT");
    }

    private Api.Response signed(String body, String timestamp) throws Exception {
        return api.with(SendGridSignature.SIGNATURE, SendGridEventsTest.Keys.sign(timestamp, body))
                .with(SendGridSignature.TIMESTAMP, timestamp)
                .post(PATH, body);
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM email_sends WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private String contactStatus(long sendId) {
        return jdbc.sql("SELECT c.status FROM contacts c JOIN email_sends s ON s.contact_id = c.id WHERE s.id = :id")
                .param("id", sendId)
                .query(String.class)
                .single();
    }
}
