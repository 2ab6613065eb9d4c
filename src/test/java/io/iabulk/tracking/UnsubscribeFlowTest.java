package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import io.iabulk.tracking.TrackedCampaigns.Sent;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The unsubscribe link of a received message: the page, the RFC 8058 one-click POST a mailbox
 * provider sends, the browser's form POST, what they count, and forged links.
 */
class UnsubscribeFlowTest extends HttpTest {

    private static final Map<String, String> ONE_CLICK = Map.of("List-Unsubscribe", "One-Click");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    TrackingLinks links;

    @Test
    void aOneClickPostUnsubscribesOnceCountsOnceAndLaterCampaignsSkipTheContact() throws Exception {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        String email = sent.emails().getFirst();
        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String path = unsubscribePath(message);
        long sendId = CampaignTestData.sendOf(jdbc, sent.campaignId(), email);
        assertThat(path).isEqualTo(URI.create(links.unsubscribeUrl(sendId)).getPath());

        Api.Response page = api.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body())
                .contains(email.charAt(0) + "***@campaign.test")
                .doesNotContain(email)
                .contains("<form method=\"post\">");
        assertThat(status(email)).as("showing the page changes nothing").isEqualTo("ACTIVE");

        Api.Response first = api.postForm(path, ONE_CLICK);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("You're unsubscribed");
        assertThat(status(email)).isEqualTo("UNSUBSCRIBED");
        Api.Response again = api.postForm(path, ONE_CLICK);
        assertThat(again.status()).isEqualTo(200);
        assertThat(api.get(path).body()).as("the page now says so").contains("You're unsubscribed");

        analytics.flush();
        assertThat(unsubscribes(sent.campaignId()))
                .as("the repeat counts nothing")
                .isEqualTo(1);
        assertThat(admin.get("/api/v1/campaigns/" + sent.campaignId() + "/summary")
                        .json()
                        .get("unsubscribes")
                        .asLong())
                .isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT properties FROM analytics_events WHERE send_id = :send AND type = 'email.unsubscribed'
                        """).param("send", sendId).query(String.class).list())
                .singleElement()
                .asString()
                .contains("one-click");
        assertThat(jdbc.sql("SELECT opened_at IS NULL FROM email_sends WHERE id = :id")
                        .param("id", sendId)
                        .query(Boolean.class)
                        .single())
                .as("an unsubscribe is not an open")
                .isTrue();

        long later = CampaignTestData.campaign(admin, sent.templateId(), sent.segmentId(), Map.of());
        admin.post("/api/v1/campaigns/" + later + "/start");
        TrackedCampaigns.awaitStatus(admin, later, "FINISHED");
        assertThat(admin.get("/api/v1/campaigns/" + later)
                        .json()
                        .get("progress")
                        .get("suppressed")
                        .asLong())
                .isEqualTo(1);
        assertThat(TestMail.awaitFor(email, 2, Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    void theButtonOfThePageUnsubscribesAndACountOnlyFollowsARealChange() throws Exception {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 2, Map.of());
        String subscribed = sent.emails().get(0);
        String bounced = sent.emails().get(1);
        String path = unsubscribePath(
                TestMail.awaitFor(subscribed, 1, Duration.ofSeconds(20)).getFirst());
        String bouncedPath = unsubscribePath(
                TestMail.awaitFor(bounced, 1, Duration.ofSeconds(20)).getFirst());
        jdbc.sql("UPDATE contacts SET status = 'BOUNCED' WHERE email = :email")
                .param("email", bounced)
                .update();

        Api.Response button = api.postForm(path, Map.of());
        Api.Response bouncedAnswer = api.postForm(bouncedPath, Map.of());

        assertThat(button.status()).isEqualTo(200);
        assertThat(status(subscribed)).isEqualTo("UNSUBSCRIBED");
        assertThat(bouncedAnswer.status()).isEqualTo(200);
        assertThat(status(bounced)).as("an earlier suppression is kept").isEqualTo("BOUNCED");
        analytics.flush();
        assertThat(unsubscribes(sent.campaignId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT properties FROM analytics_events
                        WHERE campaign_id = :campaign AND type = 'email.unsubscribed'
                        """)
                        .param("campaign", sent.campaignId())
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains("page");
    }

    @Test
    void aOneClickPostAsMultipartFormDataIsUnderstoodToo() throws Exception {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        String email = sent.emails().getFirst();
        String path = unsubscribePath(
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst());
        // RFC 8058 prefers multipart/form-data for the one-click body
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--xyz--\r\n";

        Api.Response answer =
                api.send("POST", path, "multipart/form-data; boundary=xyz", body.getBytes(StandardCharsets.US_ASCII));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(status(email)).isEqualTo("UNSUBSCRIBED");
        assertThat(jdbc.sql("""
                        SELECT properties FROM analytics_events
                        WHERE campaign_id = :campaign AND type = 'email.unsubscribed'
                        """)
                        .param("campaign", sent.campaignId())
                        .query(String.class)
                        .single())
                .contains("one-click");
    }

    @Test
    void concurrentOneClickPostsOfOneLinkCountOnce() throws Exception {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        String email = sent.emails().getFirst();
        String path = unsubscribePath(
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst());
        int posts = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(posts)) {
            for (int i = 0; i < posts; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.postForm(path, ONE_CLICK).status();
                }));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        analytics.flush();
        assertThat(unsubscribes(sent.campaignId())).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM analytics_events
                        WHERE campaign_id = :campaign AND type = 'email.unsubscribed'
                        """)
                        .param("campaign", sent.campaignId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aForgedOrUnknownTokenIsA404AndThePreviewLinkDoesNothing() {
        String token = links.unsubscribeUrl(987_654_321L)
                .substring(links.unsubscribeUrl(0).lastIndexOf('/') + 1);
        char last = token.charAt(token.length() - 2);
        String tampered =
                token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        for (String path : new String[] {"/u/" + tampered, "/u/not-a-token", "/u/" + token}) {
            Api.Response page = api.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("This link is not valid");
            assertThat(api.postForm(path, ONE_CLICK).status()).as(path).isEqualTo(404);
        }
        String clickToken = links.clickUrl(1, 0, 1, true, "https://example.com/")
                .substring(links.clickUrl(1, 0, 1, true, "https://example.com/").lastIndexOf('/') + 1);
        assertThat(api.postForm("/u/" + clickToken, ONE_CLICK).status())
                .as("a token of another purpose")
                .isEqualTo(404);

        Api.Response preview = api.get("/u/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("This is a preview").contains("disabled");
        assertThat(api.postForm("/u/preview", ONE_CLICK).status()).isEqualTo(200);
    }

    private long unsubscribes(long campaignId) {
        return analytics.totals(Set.of(EventTypes.EMAIL_UNSUBSCRIBED), null, campaignId).stream()
                .mapToLong(RollupTotal::count)
                .sum();
    }

    private String status(String email) {
        return jdbc.sql("SELECT status FROM contacts WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
    }

    /** The https link of the message's List-Unsubscribe header, as a path. */
    private static String unsubscribePath(MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe")[0].replaceAll("\\s+", "");
        String https = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
        return URI.create(https).getPath();
    }
}
