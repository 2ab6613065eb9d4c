package io.iabulk.tracking;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Campaigns sent for real to tagged contacts, and what tracking tests read from them. */
final class TrackedCampaigns {

    /** A template with a tracked link, a mailto link and the unsubscribe link. */
    static final String HTML = "<html><body><p>Hi {{firstName}}</p>"
            + "<p><a href=\"https://shop.example/offer?id=7&amp;src=mail\">Offer</a>"
            + " <a href=\"mailto:help@example.com\">Help</a></p>"
            + "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p></body></html>";

    /** A started campaign to new contacts, and their addresses. */
    record Sent(long campaignId, long segmentId, long templateId, List<String> emails) {}

    private TrackedCampaigns() {}

    static long template(Api admin) {
        Api.Response created = admin.post(
                "/api/v1/templates",
                Map.of("name", "Tracked " + ContestTestData.unique(), "subject", "Offer", "html", HTML));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** Starts a campaign to {@code contacts} new contacts; {@code extra} adds campaign fields. */
    static Sent start(Api admin, JdbcClient jdbc, int contacts, Map<String, Object> extra) {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, contacts);
        long segment = segment(admin, tag);
        long template = template(admin);
        long id = campaign(admin, template, segment, extra);
        Api.Response started = admin.post("/api/v1/campaigns/" + id + "/start");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return new Sent(id, segment, template, emails);
    }

    /** Waits for the campaign's status. */
    static void awaitStatus(Api admin, long campaignId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/campaigns/" + campaignId)
                        .json()
                        .get("status")
                        .asString()
                        .equals(status));
    }

    /** The campaign a received message belongs to. */
    static long campaignOf(MimeMessage message) {
        try {
            return Long.parseLong(message.getHeader("X-IABulk-Campaign")[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
