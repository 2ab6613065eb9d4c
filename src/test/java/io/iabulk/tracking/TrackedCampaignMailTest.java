package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import io.iabulk.tracking.TrackedCampaigns.Sent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a recipient receives from a campaign: tracked links, the pixel, an untouched unsubscribe link. */
class TrackedCampaignMailTest extends HttpTest {

    private static final String OFFER = "https://shop.example/offer?id=7&src=mail";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingLinks links;

    @Test
    void theReceivedMessageHasSignedClickLinksToTheOriginalUrlAndTheOpenPixel() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        assertThat(admin.get("/api/v1/campaigns/" + sent.campaignId())
                        .json()
                        .get("trackConversions")
                        .asBoolean())
                .as("on by default")
                .isTrue();
        String email = sent.emails().getFirst();
        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        long sendId = CampaignTestData.sendOf(jdbc, sent.campaignId(), email);

        String html = TestMail.htmlOf(message);
        assertThat(clicks(html)).containsExactly(new SignedClick(sendId, 0, 1, true, OFFER));
        assertThat(html)
                .contains("<a href=\"mailto:help@example.com\">Help</a>")
                .contains("<a href=\"" + links.unsubscribeUrl(sendId) + "\">Unsubscribe</a>")
                .contains("<img src=\"" + links.openUrl(sendId) + "\" width=\"1\" height=\"1\" alt=\"\"")
                .containsPattern("<img [^>]+></body>");
        String text = TestMail.textOf(message);
        assertThat(clicks(text))
                .as("the text part's copy of the link shares its index")
                .containsExactly(new SignedClick(sendId, 0, 1, true, OFFER));
        assertThat(text).contains(links.unsubscribeUrl(sendId)).doesNotContain("shop.example");
    }

    @Test
    void aCampaignWithConversionTrackingOffSignsLinksWithoutTheIabClickFlag() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of("trackConversions", false));
        assertThat(admin.get("/api/v1/campaigns/" + sent.campaignId())
                        .json()
                        .get("trackConversions")
                        .asBoolean())
                .isFalse();
        String email = sent.emails().getFirst();
        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        long sendId = CampaignTestData.sendOf(jdbc, sent.campaignId(), email);

        assertThat(clicks(TestMail.htmlOf(message))).containsExactly(new SignedClick(sendId, 0, 1, false, OFFER));
        assertThat(clicks(TestMail.textOf(message))).containsExactly(new SignedClick(sendId, 0, 1, false, OFFER));
    }

    @Test
    void aTransactionalMessageIsTrackedOnlyWhenItAsksToBe() {
        long template = TrackedCampaigns.template(admin);
        String plainEmail = ContestTestData.email("plain");
        String trackedEmail = ContestTestData.email("tracked");

        Api.Response plain = admin.post("/api/v1/messages", Map.of("templateId", template, "email", plainEmail));
        Api.Response tracked =
                admin.post("/api/v1/messages", Map.of("templateId", template, "email", trackedEmail, "track", true));
        assertThat(plain.status()).as(plain.body()).isEqualTo(202);
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(202);

        String plainHtml = TestMail.htmlOf(
                TestMail.awaitFor(plainEmail, 1, Duration.ofSeconds(20)).getFirst());
        assertThat(plainHtml)
                .contains("<a href=\"https://shop.example/offer?id=7&amp;src=mail\">Offer</a>")
                .doesNotContain("/t/o/")
                .doesNotContain("/t/c/");
        long sendId = tracked.json().get("id").asLong();
        String trackedHtml = TestMail.htmlOf(
                TestMail.awaitFor(trackedEmail, 1, Duration.ofSeconds(20)).getFirst());
        assertThat(clicks(trackedHtml)).containsExactly(new SignedClick(sendId, 0, 1, true, OFFER));
        assertThat(trackedHtml).contains("<img src=\"" + links.openUrl(sendId) + "\"");
    }

    @Test
    void aUrlInAContactsFirstNameIsNeverASignedRedirectWhileTheTemplatesLinkStillIs() {
        String tag = ContestTestData.unique();
        String email = CampaignTestData.taggedContacts(jdbc, tag, 1).getFirst();
        jdbc.sql("UPDATE contacts SET first_name = 'https://evil.example/x' WHERE email = :email")
                .param("email", email)
                .update();
        // TrackedCampaigns.HTML greets by first name and has no text part: the text is derived
        long campaign = CampaignTestData.campaign(
                admin, TrackedCampaigns.template(admin), CampaignTestData.segment(admin, tag), Map.of());
        assertThat(admin.post("/api/v1/campaigns/" + campaign + "/start").status())
                .isEqualTo(200);

        MimeMessage message =
                TestMail.awaitFor(email, 1, Duration.ofSeconds(20)).getFirst();
        long sendId = CampaignTestData.sendOf(jdbc, campaign, email);
        String html = TestMail.htmlOf(message);
        String text = TestMail.textOf(message);

        assertThat(html).contains("<p>Hi https://evil.example/x</p>");
        assertThat(text).contains("Hi https://evil.example/x");
        assertThat(clicks(html)).containsExactly(new SignedClick(sendId, 0, 1, true, OFFER));
        assertThat(clicks(text)).containsExactly(new SignedClick(sendId, 0, 1, true, OFFER));
    }

    private List<SignedClick> clicks(String part) {
        Matcher m = Pattern.compile("/t/c/([A-Za-z0-9_-]+)").matcher(part);
        List<SignedClick> found = new ArrayList<>();
        while (m.find()) {
            found.add(links.click(m.group(1)).orElseThrow());
        }
        return found;
    }
}
