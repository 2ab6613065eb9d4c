package io.iabulk.intelligence.history;

import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.PastSend;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackingLinks;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The real timelines on PostgreSQL (docs/decisions/0020): imported history merged in send order
 * with our own sends, whose opens are human only (a machine open of ours counts nothing), tenure
 * from the first imported send, contest facts, erased and inactive contacts left out; and the
 * import leaves campaign reports as they were.
 */
class EngagementTimelinesTest extends HttpTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EngagementTimelines timelines;

    @Autowired
    TrackingLinks links;

    @Test
    void importedHistoryAndOurSendsMergeInSendOrderAndOnlyHumanOpensCount() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long campaign = CampaignTestData.campaignRow(
                jdbc, CampaignTestData.template(admin), null, "news@example.com", null, null);
        long machineOpened = CampaignTestData.sentRow(jdbc, campaign, now.minus(Duration.ofHours(5)));
        long contact = jdbc.sql("SELECT contact_id FROM email_sends WHERE id = :id")
                .param("id", machineOpened)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE contacts SET time_zone = 'Europe/Paris' WHERE id = :id")
                .param("id", contact)
                .update();
        long otherCampaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        long humanOpened = jdbc.sql("""
                        INSERT INTO email_sends (campaign_id, contact_id, status, next_attempt_at, created_at, sent_at)
                        VALUES (:campaign, :contact, 'SENT', :sent, :sent, :sent) RETURNING id
                        """)
                .param("campaign", otherCampaign)
                .param("contact", contact)
                .param("sent", Timestamp.from(now.minus(Duration.ofHours(2))))
                .query(Long.class)
                .single();
        assertThat(open(machineOpened, "Mozilla/5.0 (compatible; bingbot/2.0)")).isEqualTo(200);
        assertThat(open(humanOpened, BROWSER)).isEqualTo(200);
        String summary = "/api/v1/campaigns/" + campaign + "/summary";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get(summary).json().path("machineOpens").asLong() == 1);
        JsonNode summaryBefore = admin.get(summary).json();
        String address = jdbc.sql("SELECT email FROM contacts WHERE id = :id")
                .param("id", contact)
                .query(String.class)
                .single();
        Instant oldest = now.minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        Instant between = now.minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode imported = importHistory("email,messageId,sentAt,openedAt,opens,clicks,clickedAt,complainedAt\n"
                + address + ",old," + oldest + "," + oldest.plusSeconds(60) + ",3,1," + oldest.plusSeconds(90) + ",\n"
                + address + ",between," + between + ",,,,," + between.plusSeconds(30) + "\n");
        assertThat(imported.get("imported").asLong()).as(imported.toString()).isEqualTo(2);

        ContactTimeline timeline = timelines.of(contact).orElseThrow();

        assertThat(timeline.email()).isEqualTo(address);
        assertThat(timeline.timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(timeline.joinedAt())
                .as("tenure from the first imported send")
                .isEqualTo(oldest);
        assertThat(timeline.sends())
                .extracting(PastSend::sentAt)
                .containsExactly(oldest, now.minus(Duration.ofHours(5)), between, now.minus(Duration.ofHours(2)));
        PastSend old = timeline.sends().get(0);
        assertThat(old.imported()).isTrue();
        assertThat(old.opens()).isEqualTo(3);
        assertThat(old.clicks()).isEqualTo(1);
        assertThat(old.clickedAt()).isEqualTo(oldest.plusSeconds(90));
        PastSend machine = timeline.sends().get(1);
        assertThat(machine.imported()).isFalse();
        assertThat(machine.openedAt()).as("a machine open is no open").isNull();
        assertThat(machine.opens()).isZero();
        assertThat(timeline.sends().get(2).complainedAt()).isEqualTo(between.plusSeconds(30));
        PastSend human = timeline.sends().get(3);
        assertThat(human.imported()).isFalse();
        assertThat(human.openedAt()).isNotNull().isAfter(now.minus(Duration.ofHours(1)));
        assertThat(human.opens()).isEqualTo(1);
        assertThat(timeline.contests()).isEqualTo(ContactTimeline.ContestFacts.NONE);

        List<ContactTimeline> all = new ArrayList<>();
        timelines.forEachActive(all::add);
        assertThat(all)
                .filteredOn(t -> t.contactId() == contact)
                .singleElement()
                .isEqualTo(timeline);
        assertThat(all).extracting(ContactTimeline::contactId).isSorted().doesNotHaveDuplicates();

        // not a campaign of ours: the reports read the same before and after the import
        JsonNode summaryAfter = admin.get(summary).json();
        assertThat(summaryAfter).isEqualTo(summaryBefore);
    }

    @Test
    void contestFactsComeFromEveryContestAndErasedOrInactiveContactsAreLeftOut() {
        long contest = ContestTestData.activeContest(admin, ContestTestData.contestWithoutConfirmation());
        long other = ContestTestData.activeContest(admin, ContestTestData.contestWithoutConfirmation());
        String ada = email("ada");
        assertThat(api.post("/api/v1/contests/" + contest + "/signups", ContestTestData.signup(ada))
                        .status())
                .isIn(200, 201);
        assertThat(api.post("/api/v1/contests/" + other + "/signups", ContestTestData.signup(ada))
                        .status())
                .isIn(200, 201);
        long adaId = jdbc.sql("SELECT id FROM contacts WHERE email = :e")
                .param("e", ada)
                .query(Long.class)
                .single();
        // credited referrals are the contests module's counter: set it as a decided referral would
        jdbc.sql("UPDATE contest_participants SET referrals = 2 WHERE contact_id = :id AND contest_id = :c")
                .param("id", adaId)
                .param("c", contest)
                .update();
        jdbc.sql("UPDATE contest_participants SET referrals = 1 WHERE contact_id = :id AND contest_id = :c")
                .param("id", adaId)
                .param("c", other)
                .update();
        Instant firstConfirmed = jdbc.sql("SELECT min(confirmed_at) FROM contest_participants WHERE contact_id = :id")
                .param("id", adaId)
                .query(Timestamp.class)
                .single()
                .toInstant();

        ContactTimeline timeline = timelines.of(adaId).orElseThrow();

        assertThat(timeline.contests()).isEqualTo(new ContactTimeline.ContestFacts(2, 3, firstConfirmed));
        assertThat(timeline.timeZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(timeline.sends()).isEmpty();

        String gone = email("gone");
        long goneId = admin.post("/api/v1/contacts", Map.of("email", gone))
                .json()
                .get("id")
                .asLong();
        importHistory("email,messageId,sentAt\n" + gone + ",m1,2026-03-01T09:00:00Z\n");
        String quiet = email("quiet");
        long quietId = admin.post("/api/v1/contacts", Map.of("email", quiet, "timeZone", "Asia/Tokyo"))
                .json()
                .get("id")
                .asLong();
        admin.patch("/api/v1/contacts/" + quietId, Map.of("status", "UNSUBSCRIBED"));
        assertThat(admin.send("DELETE", "/api/v1/contacts/" + goneId, null, new byte[0])
                        .status())
                .isIn(200, 204);

        assertThat(timelines.of(goneId)).as("erased").isEmpty();
        assertThat(timelines.of(quietId)).as("unsubscribed: still a contact").isPresent();
        List<Long> active = new ArrayList<>();
        timelines.forEachActive(t -> active.add(t.contactId()));
        assertThat(active).contains(adaId).doesNotContain(goneId, quietId);
    }

    private int open(long send, String userAgent) {
        String token = links.openUrl(send);
        return api.with("User-Agent", userAgent)
                .get("/t/o/" + token.substring(token.lastIndexOf('/') + 1))
                .status();
    }

    private JsonNode importHistory(String csv) {
        Api.Response accepted =
                admin.send("POST", "/api/v1/contacts/history", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !admin.get(location).json().get("status").asString().equals("RUNNING"));
        return admin.get(location).json();
    }
}
