package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import io.iabulk.tracking.TrackedCampaigns.Sent;
import io.iabulk.tracking.internal.ClickJudgeWorker;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * End to end: a campaign message received over SMTP, its recipient opening it (an Apple proxy
 * first) and clicking its link, and the campaign summary counting them.
 */
class TrackedCampaignHitsTest extends HttpTest {

    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.1 Safari/605.1.15";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    ClickJudgeWorker judge;

    @Test
    void theRecipientsOpenAndClickReachTheCampaignSummary() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        String email = sent.emails().getFirst();
        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        long sendId = CampaignTestData.sendOf(jdbc, sent.campaignId(), email);
        String html = TestMail.htmlOf(message);
        String pixel = first(html, "<img src=\"([^\"]+/t/o/[^\"]+)\"");
        String link = first(html, "<a href=\"([^\"]+/t/c/[^\"]+)\"");
        // the recipient reads it a minute later (a click right at delivery is a scanner's)
        jdbc.sql("UPDATE email_sends SET sent_at = :at WHERE id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(60)))
                .param("id", sendId)
                .update();

        assertThat(api.with("User-Agent", "Mozilla/5.0")
                        .with("X-Forwarded-For", "17.33.201.9")
                        .get(pixel)
                        .status())
                .isEqualTo(200);
        assertThat(api.with("User-Agent", BROWSER).get(pixel).status()).isEqualTo(200);
        Api.Response click = api.with("User-Agent", BROWSER).get(link);
        assertThat(click.status()).isEqualTo(302);
        assertThat(click.header("Location"))
                .startsWith("https://shop.example/offer?id=7&src=mail&iab_click=")
                .doesNotContain("#");
        judge.runAt(Instant.now().plusSeconds(10));
        analytics.flush();

        JsonNode summary =
                admin.get("/api/v1/campaigns/" + sent.campaignId() + "/summary").json();
        assertThat(summary.get("uniqueOpens").asLong()).isEqualTo(1);
        assertThat(summary.get("uniqueClicks").asLong()).isEqualTo(1);
        assertThat(summary.get("machineOpens").asLong()).isEqualTo(1);
        assertThat(summary.get("machineClicks").asLong()).isZero();
        assertThat(summary.get("topLinks").get(0).get("url").asString())
                .isEqualTo("https://shop.example/offer?id=7&src=mail");
        assertThat(summary.get("topLinks").get(0).get("clicks").asLong()).isEqualTo(1);
    }

    private static String first(String html, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(html);
        assertThat(m.find()).as(pattern).isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
