package io.iabulk.campaigns;

import static io.iabulk.campaigns.CampaignPerformanceReportTest.assertProblem;
import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/campaigns/{id}/summary} against a hand-computed fixture: a campaign sent for
 * real (GreenMail) with one message bounced later through the provider webhook and one member
 * suppressed, engagement counted through {@link AnalyticsService}, and link counts in the tracking
 * table (no facade writes them yet).
 */
class CampaignSummaryReportTest extends HttpTest {

    @Autowired
    AnalyticsService analytics;

    @Autowired
    JdbcClient jdbc;

    @Test
    void totalsRatesAndTopLinksOfASentCampaign() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 5);
        jdbc.sql("UPDATE contacts SET status = 'UNSUBSCRIBED' WHERE email = :email")
                .param("email", emails.get(4))
                .update();
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of());
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "FINISHED"
                        .equals(admin.get("/api/v1/campaigns/" + id)
                                .json()
                                .get("status")
                                .asString()));
        long bouncedSend = jdbc.sql("SELECT min(id) FROM email_sends WHERE campaign_id = :campaign AND status = 'SENT'")
                .param("campaign", id)
                .query(Long.class)
                .single();
        String events = """
                [{"email":"%s","timestamp":1764122460,"event":"bounce","type":"bounce",
                  "reason":"550 5.1.1 no such user","send_id":"%d"}]
                """.formatted(emails.getFirst(), bouncedSend);
        Api.Response webhook = api.send("POST", "/api/v1/webhooks/sendgrid", "application/json", events.getBytes());
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(200);

        Instant t = Instant.now();
        count(EventTypes.EMAIL_OPENED, id, t, 2);
        count(EventTypes.EMAIL_CLICKED, id, t, 1);
        count(EventTypes.EMAIL_CONVERTED, id, t, 1);
        analytics.count(EventTypes.CONVERSION, 0, id, "EUR", t, 1, new BigDecimal("12.50"));
        analytics.count(EventTypes.CONVERSION, 0, id, "EUR", t.minus(Duration.ofDays(2)), 1, new BigDecimal("7.25"));
        analytics.count(EventTypes.CONVERSION, 0, id, "USD", t, 1, new BigDecimal("5"));
        count(EventTypes.EMAIL_UNSUBSCRIBED, id, t, 1);
        count(EventTypes.EMAIL_COMPLAINED, id, t, 1);
        count(EventTypes.EMAIL_OPEN_MACHINE, id, t, 3);
        count(EventTypes.EMAIL_CLICK_MACHINE, id, t, 2);
        count(EventTypes.EMAIL_OPEN, id, t, 40); // every human hit: not a summary figure
        long other = 1_000_000_000L + id; // a campaign id no test creates
        count(EventTypes.EMAIL_OPENED, other, t, 30);
        analytics.flush();
        link(id, 0, "https://shop.example.test/", 1);
        link(id, 1, "https://shop.example.test/sale?ref=a", 2);
        link(id, 2, "https://shop.example.test/never", 0);
        link(other, 0, "https://elsewhere.example.test/", 9);

        JsonNode summary = summary(id);
        assertThat(summary.get("sent").asLong())
                .as("4 answered (3 accepted, 1 bounced later); the suppressed member is not sent")
                .isEqualTo(4);
        assertThat(summary.get("delivered").asLong()).isEqualTo(3);
        assertThat(summary.get("bounces").asLong()).isEqualTo(1);
        assertThat(summary.get("uniqueOpens").asLong()).isEqualTo(2);
        assertThat(summary.get("uniqueClicks").asLong()).isEqualTo(1);
        assertThat(summary.get("conversions").asLong()).isEqualTo(1);
        assertThat(summary.get("conversionValue").get("EUR").decimalValue()).isEqualByComparingTo("19.75");
        assertThat(summary.get("conversionValue").get("USD").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(summary.get("conversionValue").size()).isEqualTo(2);
        assertThat(summary.get("unsubscribes").asLong()).isEqualTo(1);
        assertThat(summary.get("complaints").asLong()).isEqualTo(1);
        assertThat(summary.get("machineOpens").asLong()).isEqualTo(3);
        assertThat(summary.get("machineClicks").asLong()).isEqualTo(2);
        JsonNode rates = summary.get("rates");
        assertThat(rates.get("delivery").asDouble()).isCloseTo(3 / 4.0, within(1e-9));
        assertThat(rates.get("bounce").asDouble()).isCloseTo(1 / 4.0, within(1e-9));
        assertThat(rates.get("open").asDouble()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(rates.get("click").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(rates.get("clickToOpen").asDouble()).isCloseTo(1 / 2.0, within(1e-9));
        assertThat(rates.get("conversion").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(rates.get("unsubscribe").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(rates.get("complaint").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        JsonNode links = summary.get("topLinks");
        assertThat(links.size()).as("links nobody clicked are left out").isEqualTo(2);
        assertThat(links.get(0).get("url").asString()).isEqualTo("https://shop.example.test/sale?ref=a");
        assertThat(links.get(0).get("clicks").asLong()).isEqualTo(2);
        assertThat(links.get(1).get("url").asString()).isEqualTo("https://shop.example.test/");
        assertThat(links.get(1).get("clicks").asLong()).isEqualTo(1);
    }

    @Test
    void aCampaignWithNothingSentHasZeroCountsAndZeroRates() {
        long id = campaign(admin, template(admin), segment(admin, ContestTestData.unique()), Map.of());
        JsonNode summary = summary(id);
        for (String field : List.of(
                "sent",
                "delivered",
                "uniqueOpens",
                "uniqueClicks",
                "conversions",
                "unsubscribes",
                "bounces",
                "complaints",
                "machineOpens",
                "machineClicks")) {
            assertThat(summary.get(field).asLong()).as(field).isZero();
        }
        summary.get("rates")
                .properties()
                .forEach(rate ->
                        assertThat(rate.getValue().asDouble()).as(rate.getKey()).isZero());
        assertThat(summary.get("rates").size()).isEqualTo(8);
        assertThat(summary.get("conversionValue").size()).isZero();
        assertThat(summary.get("topLinks").size()).isZero();
    }

    @Test
    void ratesWhoseDenominatorIsZeroAreZeroWhileTheOthersAreNot() {
        // opens counted for a campaign nothing was delivered to (e.g. counts of a later merge):
        // open/click rates have no denominator; clickToOpen has one
        long id = campaign(admin, template(admin), segment(admin, ContestTestData.unique()), Map.of());
        count(EventTypes.EMAIL_OPENED, id, Instant.now(), 4);
        count(EventTypes.EMAIL_CLICKED, id, Instant.now(), 1);
        analytics.flush();
        JsonNode rates = summary(id).get("rates");
        assertThat(rates.get("open").asDouble()).isZero();
        assertThat(rates.get("click").asDouble()).isZero();
        assertThat(rates.get("delivery").asDouble()).isZero();
        assertThat(rates.get("clickToOpen").asDouble()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void unknownCampaignIsANotFoundProblem() {
        Api.Response unknown = admin.get("/api/v1/campaigns/987654321/summary");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Api.Response notANumber = admin.get("/api/v1/campaigns/abc/summary");
        assertProblem(notANumber, 400, "id");
    }

    private void count(String type, long campaign, Instant at, long n) {
        analytics.count(type, 0, campaign, at, n);
    }

    private void link(long campaign, int index, String url, long clicks) {
        jdbc.sql("INSERT INTO tracking_links (campaign_id, link_index, url, clicks) VALUES (:c, :i, :url, :n)")
                .param("c", campaign)
                .param("i", index)
                .param("url", url)
                .param("n", clicks)
                .update();
    }

    private JsonNode summary(long id) {
        Api.Response response = admin.get("/api/v1/campaigns/" + id + "/summary");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
