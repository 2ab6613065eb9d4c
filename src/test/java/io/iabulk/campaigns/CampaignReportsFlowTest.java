package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One campaign lived through for real — sent over SMTP, opened, clicked, converted, unsubscribed,
 * bounced and complained about over HTTP — and its reports checked against counts worked out by
 * hand.
 */
class CampaignReportsFlowTest extends HttpTest {

    private static final String HUMAN_UA =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
    private static final Pattern TRACKED = Pattern.compile("http://localhost:\\d+/t/[co]/[A-Za-z0-9_-]+");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    @Test
    void summaryAndPerformanceMatchTheHandCountedFixture() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 6);
        long template = admin.post(
                        "/api/v1/templates",
                        Map.of(
                                "name", "Offer " + tag,
                                "subject", "Offer",
                                "html",
                                        "<html><body><p>Hi {{firstName}}</p>"
                                                + "<a href=\"https://shop.example.com/a?x=1&amp;y=2\">A</a> "
                                                + "<a href=\"https://shop.example.com/b\">B</a> "
                                                + "<a href=\"mailto:help@example.com\">Help</a> "
                                                + "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></body></html>"))
                .json()
                .get("id")
                .asLong();
        long id = campaign(admin, template, segment(admin, tag), Map.of());
        Instant before = Instant.now().truncatedTo(ChronoUnit.HOURS);
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "FINISHED"
                        .equals(admin.get("/api/v1/campaigns/" + id)
                                .json()
                                .get("status")
                                .asString()));

        Map<String, Links> links = new HashMap<>();
        for (String email : emails) {
            links.put(
                    email,
                    links(TestMail.awaitFor(email, 1, Duration.ofSeconds(5)).getFirst()));
        }
        // the clicks below come well after delivery, as a person's would (a click within seconds of
        // delivery is a scanner's)
        jdbc.sql("UPDATE email_sends SET sent_at = sent_at - INTERVAL '1' MINUTE WHERE campaign_id = :c")
                .param("c", id)
                .update();

        // e0: opens twice, clicks B; e1: opens, its click comes from a script, then unsubscribes
        // (one-click, twice); e2: opened by Apple's privacy proxy only; e3: clicks A without a recorded
        // open, converts twice; e4: complains; e5: bounces later
        assertThat(hit(links.get(emails.get(0)).open(), HUMAN_UA).status()).isEqualTo(200);
        assertThat(hit(links.get(emails.get(0)).open(), HUMAN_UA).status()).isEqualTo(200);
        assertThat(hit(links.get(emails.get(0)).clicks().get(1), HUMAN_UA).status())
                .isEqualTo(302);
        assertThat(hit(links.get(emails.get(1)).open(), HUMAN_UA).status()).isEqualTo(200);
        assertThat(hit(links.get(emails.get(1)).clicks().get(0), "python-requests/2.32.3")
                        .status())
                .isEqualTo(302);
        Api.Response mpp = api.with("User-Agent", "Mozilla/5.0")
                .with("X-Forwarded-For", "17.58.101.7")
                .get(links.get(emails.get(2)).open());
        assertThat(mpp.status()).isEqualTo(200);
        Api.Response click = hit(links.get(emails.get(3)).clicks().get(0), HUMAN_UA);
        assertThat(click.status()).isEqualTo(302);
        String location = click.header("Location");
        assertThat(location).startsWith("https://shop.example.com/a?x=1&y=2&iab_click=");
        String clickToken = location.substring(location.indexOf("iab_click=") + "iab_click=".length());

        assertThat(admin.post(
                                "/api/v1/conversions",
                                Map.of("token", clickToken, "value", new BigDecimal("10.50"), "currency", "EUR"))
                        .status())
                .isBetween(200, 201);
        assertThat(admin.post("/api/v1/conversions", Map.of("token", clickToken, "value", 5, "currency", "EUR"))
                        .status())
                .isBetween(200, 201);
        long contact0 = jdbc.sql("SELECT id FROM contacts WHERE email = :e")
                .param("e", emails.get(0))
                .query(Long.class)
                .single();
        assertThat(admin.post(
                                "/api/v1/conversions",
                                Map.of("contactId", contact0, "campaignId", id, "value", 20, "currency", "USD"))
                        .status())
                .isBetween(200, 201);

        for (int i = 0; i < 2; i++) {
            Api.Response unsubscribe =
                    api.postForm(links.get(emails.get(1)).unsubscribe(), Map.of("List-Unsubscribe", "One-Click"));
            assertThat(unsubscribe.status()).isEqualTo(200);
        }
        webhook(emails.get(4), CampaignTestData.sendOf(jdbc, id, emails.get(4)), "spamreport");
        webhook(emails.get(5), CampaignTestData.sendOf(jdbc, id, emails.get(5)), "bounce");

        // human clicks count once the burst window has passed
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            analytics.flush();
            assertThat(admin.get("/api/v1/campaigns/" + id + "/summary")
                            .json()
                            .get("uniqueClicks")
                            .asLong())
                    .isEqualTo(2);
        });
        analytics.flush();

        JsonNode summary = admin.get("/api/v1/campaigns/" + id + "/summary").json();
        assertThat(summary.get("sent").asLong()).isEqualTo(6);
        assertThat(summary.get("delivered").asLong()).isEqualTo(5);
        assertThat(summary.get("uniqueOpens").asLong())
                .as("e0, e1 and e3 (by its click)")
                .isEqualTo(3);
        assertThat(summary.get("uniqueClicks").asLong()).as("e0 and e3").isEqualTo(2);
        assertThat(summary.get("conversions").asLong()).as("e3 and e0").isEqualTo(2);
        assertThat(summary.get("conversionValue").get("EUR").decimalValue()).isEqualByComparingTo("15.50");
        assertThat(summary.get("conversionValue").get("USD").decimalValue()).isEqualByComparingTo("20");
        assertThat(summary.get("unsubscribes").asLong()).isEqualTo(1);
        assertThat(summary.get("bounces").asLong()).isEqualTo(1);
        assertThat(summary.get("complaints").asLong()).isEqualTo(1);
        assertThat(summary.get("machineOpens").asLong()).as("Apple's proxy").isEqualTo(1);
        assertThat(summary.get("machineClicks").asLong()).as("the script").isEqualTo(1);
        JsonNode rates = summary.get("rates");
        assertThat(rates.get("delivery").asDouble()).isCloseTo(5 / 6.0, within(1e-9));
        assertThat(rates.get("open").asDouble()).isCloseTo(3 / 5.0, within(1e-9));
        assertThat(rates.get("click").asDouble()).isCloseTo(2 / 5.0, within(1e-9));
        assertThat(rates.get("clickToOpen").asDouble()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(rates.get("conversion").asDouble()).isCloseTo(2 / 5.0, within(1e-9));
        assertThat(rates.get("unsubscribe").asDouble()).isCloseTo(1 / 5.0, within(1e-9));
        assertThat(rates.get("bounce").asDouble()).isCloseTo(1 / 6.0, within(1e-9));
        assertThat(rates.get("complaint").asDouble()).isCloseTo(1 / 5.0, within(1e-9));
        JsonNode top = summary.get("topLinks");
        assertThat(top).hasSize(2);
        assertThat(top.get(0).get("url").asString()).isEqualTo("https://shop.example.com/a?x=1&y=2");
        assertThat(top.get(0).get("clicks").asLong()).isEqualTo(1);
        assertThat(top.get(1).get("url").asString()).isEqualTo("https://shop.example.com/b");
        assertThat(top.get(1).get("clicks").asLong()).isEqualTo(1);

        JsonNode performance = admin.get("/api/v1/campaigns/" + id + "/performance?granularity=hour&from="
                        + before.minus(1, ChronoUnit.HOURS) + "&to=" + before.plus(3, ChronoUnit.HOURS))
                .json();
        assertThat(performance.get("granularity").asString()).isEqualTo("hour");
        Map<String, Long> sums = new HashMap<>();
        for (JsonNode bucket : performance.get("buckets")) {
            for (String field : List.of(
                    "sent", "delivered", "opened", "clicked", "converted", "unsubscribed", "bounced", "complained")) {
                sums.merge(field, bucket.get(field).asLong(), Long::sum);
            }
        }
        assertThat(sums)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "sent", 6L,
                        "delivered", 5L,
                        "opened", 3L,
                        "clicked", 2L,
                        "converted", 2L,
                        "unsubscribed", 1L,
                        "bounced", 1L,
                        "complained", 1L));
    }

    private Api.Response hit(String url, String userAgent) {
        return api.with("User-Agent", userAgent).get(url);
    }

    private void webhook(String email, long sendId, String event) {
        String body = """
                [{"email":"%s","timestamp":%d,"event":"%s","type":"bounce","reason":"550 5.1.1 gone","send_id":"%d"}]
                """.formatted(email, Instant.now().getEpochSecond(), event, sendId);
        Api.Response answer = api.send("POST", "/api/v1/webhooks/sendgrid", "application/json", body.getBytes());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** The tracked links of a received message: the pixel, the clicks in order, the unsubscribe link. */
    private record Links(String open, List<String> clicks, String unsubscribe) {}

    private static Links links(MimeMessage message) {
        try {
            String html = TestMail.htmlOf(message);
            String open = null;
            List<String> clicks = new ArrayList<>();
            Matcher tracked = TRACKED.matcher(html);
            while (tracked.find()) {
                if (tracked.group().contains("/t/o/")) {
                    open = tracked.group();
                } else {
                    clicks.add(tracked.group());
                }
            }
            Matcher unsubscribe =
                    Pattern.compile("http://localhost:\\d+/u/[A-Za-z0-9_-]+").matcher(html);
            assertThat(unsubscribe.find()).as(html).isTrue();
            assertThat(open).as(html).isNotNull();
            assertThat(clicks).as(html).hasSize(2);
            return new Links(open, clicks, unsubscribe.group());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
