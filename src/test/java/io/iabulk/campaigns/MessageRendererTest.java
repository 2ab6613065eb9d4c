package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaignRow;
import static io.iabulk.support.CampaignTestData.contactRow;
import static io.iabulk.support.CampaignTestData.templateBody;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.RenderResult;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackingLinks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class MessageRendererTest extends HttpTest {

    @Autowired
    MessageRenderer renderer;

    @Autowired
    TrackingLinks links;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rendersACampaignSendWithEveryContextFieldVariantSenderAndHeaders() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json();
        String code = alice.get("referralCode").asString();
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("bob")));
        JsonNode carol = api.post("/api/v1/contests/" + contest + "/signups", signup(email("carol"), code))
                .json();
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("dave"), code));
        api.post(
                "/api/v1/contests/" + contest + "/signups",
                signup(email("erin"), carol.get("referralCode").asString()));
        long aliceContact = contactOf(code);
        long carolContact = contactOf(carol.get("referralCode").asString());
        jdbc.sql("""
                UPDATE contacts SET first_name = 'Alice', last_name = 'Liddell', locale = 'en-GB',
                    time_zone = 'Europe/London', attributes = CAST(:attributes AS JSONB) WHERE id = :id
                """)
                .param("attributes", "{\"plan\":\"gold\",\"favourite colour\":\"blue\"}")
                .param("id", aliceContact)
                .update();
        long outsider = contactRow().names("Olga", null).insert(jdbc);
        long template = admin.post(
                        "/api/v1/templates",
                        templateBody(
                                "Template subject",
                                "<p>{{firstName}} {{lastName}} {{email}} {{locale}} {{timeZone}} {{attributes.plan}}"
                                        + " {{attributes.[favourite colour]}}</p>"
                                        + "<p>#{{rank}} {{referrals}} referrals {{points}} points {{referralUrl}}</p>"
                                        + "{{#if nextMilestone}}<p>{{nextMilestone.remaining}} more for"
                                        + " {{nextMilestone.reward}} at {{nextMilestone.referrals}}</p>{{/if}}"
                                        + "<a href=\"{{unsubscribeUrl}}\">unsubscribe</a>",
                                null))
                .json()
                .get("id")
                .asLong();
        long campaign = campaignRow(
                jdbc,
                template,
                contest,
                "News <news@example.com>",
                "help@example.com",
                "[\"Hi {{default firstName \\\"friend\\\"}}, you are #{{rank}}\", \"B: {{referrals}} & counting\"]");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(mail(renderer.render(
                                                List.of(new QueuedSend(901, campaign, aliceContact, 0, 0, 1, null)))
                                        .getFirst())
                                .subject())
                        .isEqualTo("Hi Alice, you are #1"));
        List<RenderResult> results = renderer.render(List.of(
                new QueuedSend(901, campaign, aliceContact, 0, 0, 1, null),
                new QueuedSend(902, campaign, carolContact, 0, 1, 1, null),
                new QueuedSend(903, campaign, outsider, 0, 7, 1, null)));

        OutgoingMail toAlice = mail(results.get(0));
        assertThat(toAlice.to()).endsWith("@example.com").startsWith("alice-");
        assertThat(toAlice.from()).isEqualTo("News <news@example.com>");
        assertThat(toAlice.replyTo()).isEqualTo("help@example.com");
        assertThat(toAlice.unsubscribeUrl()).isEqualTo(links.unsubscribeUrl(901));
        assertThat(toAlice.headers()).containsEntry("X-IABulk-Campaign", Long.toString(campaign));
        assertThat(toAlice.html())
                .contains("<p>Alice Liddell " + toAlice.to() + " en-GB Europe/London gold blue</p>")
                .contains("<p>#1 2 referrals 20 points "
                        + alice.get("referralUrl").asString() + "</p>")
                .contains("<p>1 more for T-shirt at 3</p>")
                .contains("href=\"" + links.unsubscribeUrl(901) + "\"");
        assertThat(toAlice.text()).contains("unsubscribe (" + links.unsubscribeUrl(901) + ")");

        OutgoingMail toCarol = mail(results.get(1));
        assertThat(toCarol.subject()).isEqualTo("B: 1 & counting");
        assertThat(toCarol.html()).contains("<p>#2 1 referrals 10 points ");
        assertThat(toCarol.unsubscribeUrl()).isEqualTo(links.unsubscribeUrl(902));

        // not a participant: participation variables are empty; an unknown variant is the template's subject
        OutgoingMail toOutsider = mail(results.get(2));
        assertThat(toOutsider.subject()).isEqualTo("Template subject");
        assertThat(toOutsider.html()).contains("<p>#  referrals  points </p>").doesNotContain("more for");
    }

    @Test
    void rendersATransactionalSendWithItsContextAndReservedKeys() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json();
        long aliceContact = contactOf(alice.get("referralCode").asString());
        jdbc.sql("UPDATE contacts SET first_name = 'Alice' WHERE id = :id")
                .param("id", aliceContact)
                .update();
        long plain = contactRow().names("Pat", null).insert(jdbc);
        long template = admin.post(
                        "/api/v1/templates",
                        templateBody(
                                "Order {{orderId}} for {{firstName}}",
                                "<p>{{items.[0].name}} {{referralUrl}} [{{$from}}] {{unsubscribeUrl}}</p>",
                                "Order {{orderId}}: {{items.[0].name}}"))
                .json()
                .get("id")
                .asLong();
        String context = """
                {"orderId": "A-1", "items": [{"name": "Mug <large>"}], "firstName": "Mallory",
                 "$from": "Shop <shop@example.com>", "$replyTo": "care@example.com", "$contestId": %d}
                """.formatted(contest);

        List<RenderResult> results = renderer.render(List.of(
                new QueuedSend(911, null, aliceContact, template, 0, 1, context),
                new QueuedSend(912, null, plain, template, 0, 1, "{\"orderId\": 7}")));

        OutgoingMail withContest = mail(results.get(0));
        assertThat(withContest.subject()).isEqualTo("Order A-1 for Alice"); // built-in names win over context keys
        assertThat(withContest.html())
                .isEqualTo("<p>Mug &lt;large&gt; " + alice.get("referralUrl").asString() + " [] "
                        + links.unsubscribeUrl(911) + "</p>");
        assertThat(withContest.text()).isEqualTo("Order A-1: Mug <large>");
        assertThat(withContest.from()).isEqualTo("Shop <shop@example.com>");
        assertThat(withContest.replyTo()).isEqualTo("care@example.com");
        assertThat(withContest.unsubscribeUrl()).isEqualTo(links.unsubscribeUrl(911));
        OutgoingMail withDefaults = mail(results.get(1));
        assertThat(withDefaults.subject()).isEqualTo("Order 7 for Pat");
        assertThat(withDefaults.from()).isEqualTo("IA Bulk <no-reply@iabulk.localhost>");
        assertThat(withDefaults.replyTo()).isNull();
    }

    @Test
    void suppressedOrMissingContactsAreSuppressedAndABadSendFailsAlone() {
        long active = contactRow().insert(jdbc);
        long unsubscribed = contactRow().status("UNSUBSCRIBED").insert(jdbc);
        long bounced = contactRow().status("BOUNCED").insert(jdbc);
        long template = admin.post("/api/v1/templates", templateBody("Hi {{firstName}}", "<p>Hi</p>", null))
                .json()
                .get("id")
                .asLong();
        long broken = admin.post("/api/v1/templates", templateBody("Hi", "<p>{{> footer}}</p>", null))
                .json()
                .get("id")
                .asLong();
        long badVariants = campaignRow(jdbc, template, null, "a@example.com", null, "[\"{{#if}}\"]");
        // a stored source that does not compile (written before a rule changed): fails its sends only
        long unparseable = jdbc.sql("""
                        INSERT INTO templates (name, subject, html, version, created_at, updated_at)
                        VALUES ('old', 'Hi', '{{#each items}}', 1, now(), now())
                        RETURNING id
                        """).query(Long.class).single();

        List<RenderResult> results = renderer.render(List.of(
                new QueuedSend(921, null, active, template, 0, 1, null),
                new QueuedSend(922, null, unsubscribed, template, 0, 1, null),
                new QueuedSend(923, null, bounced, template, 0, 1, null),
                new QueuedSend(924, null, 987654321L, template, 0, 1, null),
                new QueuedSend(925, null, active, 987654321L, 0, 1, null),
                new QueuedSend(926, null, active, broken, 0, 1, null),
                new QueuedSend(927, null, active, template, 0, 1, "not json"),
                new QueuedSend(928, 987654321L, active, template, 0, 1, null),
                new QueuedSend(929, badVariants, active, template, 0, 1, null),
                new QueuedSend(930, null, active, template, 0, 1, "{\"$contestId\": 987654321}"),
                new QueuedSend(932, null, active, unparseable, 0, 1, null),
                new QueuedSend(933, null, active, template, 0, 1, null)));

        assertThat(mail(results.get(0)).subject()).isEqualTo("Hi Ada");
        assertThat(results.get(1)).isEqualTo(new RenderResult.Suppressed("UNSUBSCRIBED"));
        assertThat(results.get(2)).isEqualTo(new RenderResult.Suppressed("BOUNCED"));
        assertThat(results.get(3)).isInstanceOf(RenderResult.Suppressed.class);
        assertThat(results.subList(4, 10)).allSatisfy(r -> assertThat(r).isInstanceOf(RenderResult.Failed.class));
        assertThat(((RenderResult.Failed) results.get(4)).error()).contains("Template 987654321");
        assertThat(((RenderResult.Failed) results.get(5)).error()).contains("footer");
        assertThat(((RenderResult.Failed) results.get(7)).error()).contains("Campaign 987654321");
        assertThat(((RenderResult.Failed) results.get(8)).error()).contains("subjectVariants[0]");
        assertThat(((RenderResult.Failed) results.get(9)).error()).contains("Contest 987654321");
        assertThat(((RenderResult.Failed) results.get(10)).error()).contains("syntax error");
        assertThat(mail(results.get(11)).subject()).isEqualTo("Hi Ada");
    }

    @Test
    void aReplacedTemplateRendersItsNewVersion() {
        long contact = contactRow().insert(jdbc);
        long template = admin.post("/api/v1/templates", templateBody("Old", "<p>old</p>", null))
                .json()
                .get("id")
                .asLong();
        QueuedSend send = new QueuedSend(931, null, contact, template, 0, 1, null);
        assertThat(mail(renderer.render(List.of(send)).getFirst()).subject()).isEqualTo("Old");

        admin.send(
                "PUT",
                "/api/v1/templates/" + template,
                "application/json",
                "{\"name\":\"t\",\"subject\":\"New\",\"html\":\"<p>new</p>\"}".getBytes());

        OutgoingMail rendered = mail(renderer.render(List.of(send)).getFirst());
        assertThat(rendered.subject()).isEqualTo("New");
        assertThat(rendered.text()).isEqualTo("new");
    }

    private static OutgoingMail mail(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).mail();
    }

    private long contactOf(String referralCode) {
        return jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :code")
                .param("code", referralCode)
                .query(Long.class)
                .single();
    }
}
