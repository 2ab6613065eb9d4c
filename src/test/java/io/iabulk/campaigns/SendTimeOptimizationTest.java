package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.campaigns.internal.CampaignWorker;
import io.iabulk.delivery.internal.JdbcSendQueue;
import io.iabulk.intelligence.predictions.StoredProfiles;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import io.iabulk.support.TestMail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Send-time optimisation end to end (docs/decisions/0022): stored prediction profiles decide each
 * recipient's hour, the queue holds the rows until then, and the campaign's lifecycle (pause,
 * resume, a lost lease, finishing) works around the waiting rows.
 */
class SendTimeOptimizationTest extends HttpTest {

    private static final String ZONE = "America/Lima";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    CampaignWorker lifecycle;

    @Autowired
    JdbcSendQueue queue;

    @Test
    void schedulesEachRecipientInItsPredictedHourInsideTheWindowSpreadOverTheHour() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 24);
        Map<Long, Instant> peaks = new HashMap<>();
        Instant now = clock.instant();
        long run = StoredProfiles.run(jdbc, now.minus(Duration.ofHours(30)));
        List<Long> ids = ids(emails);
        for (int i = 0; i < ids.size() - 1; i++) { // the last contact has no stored profile
            Instant peak = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2 + i % 6));
            peaks.put(ids.get(i), peak);
            StoredProfiles.profile(
                    jdbc, run, ids.get(i), now.minus(Duration.ofHours(30)), ZONE, "HIGH", peak, 0.1, 0.6);
        }
        flatGroupPrior(run, now.minus(Duration.ofHours(30)));
        long id = campaign(
                admin, template(admin), segment(admin, tag), Map.of("sendTimeOptimization", Map.of("windowHours", 24)));
        assertThat(fetch(id).get("sendTimeOptimization").get("windowHours").asInt())
                .isEqualTo(24);

        JsonNode started = admin.post("/api/v1/campaigns/" + id + "/start").json();
        Instant start = Instant.parse(started.get("startedAt").asString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fetch(id).get("progress").get("total").asLong() == 24);

        JsonNode progress = fetch(id).get("progress");
        assertThat(progress.get("scheduled").asLong()).isEqualTo(24);
        assertThat(progress.get("queued").asLong()).isZero();
        List<JsonNode> items = recipients(id, "");
        assertThat(items).hasSize(24);
        Set<Long> seconds = new HashSet<>();
        for (JsonNode item : items) {
            Instant at = Instant.parse(item.get("scheduledAt").asString());
            assertThat(at).isAfterOrEqualTo(start).isBefore(start.plus(Duration.ofHours(24)));
            assertThat(item.get("status").asString()).isEqualTo("SCHEDULED");
            assertThat(item.get("variant").isNull()).as("one subject").isTrue();
            assertThat(item.get("subject").asString()).isEqualTo("Hello {{default firstName \"there\"}}");
            Instant peak = peaks.get(item.get("contactId").asLong());
            if (peak != null) {
                assertThat(at.truncatedTo(ChronoUnit.HOURS))
                        .as("the predicted hour")
                        .isEqualTo(peak);
            }
            seconds.add(at.getEpochSecond() % 3600);
        }
        assertThat(seconds)
                .as("spread over the hour, not all at its first second")
                .hasSizeGreaterThan(20);

        lifecycle.runOnce();
        assertThat(fetch(id).get("status").asString())
                .as("waiting rows keep the campaign running")
                .isEqualTo("RUNNING");
        assertThat(fetch(id).get("progress").get("sent").asLong()).isZero();
    }

    /**
     * People of the test's zone and tier (other contacts, not in its audience) who opened at every
     * hour alike: a flat prior for the group, so the stored profiles alone decide the hours. Without
     * it the prior is the population's, made of whatever history other test classes of this JVM
     * left, which would make the planned hours depend on the order the classes ran in.
     */
    private void flatGroupPrior(long run, Instant weekStart) {
        List<String> others = taggedContacts(jdbc, ContestTestData.unique(), 24);
        List<Long> ids = ids(others);
        Instant base = weekStart.minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.DAYS);
        for (int i = 0; i < ids.size(); i++) {
            StoredProfiles.profile(jdbc, run, ids.get(i), weekStart, ZONE, "HIGH", null, 0.2, 0.2);
            for (int day = 0; day < 5; day++) {
                // contact i opens at hour i of the day (any zone: every hour gets the same count)
                Instant sent = base.plus(Duration.ofDays(day)).plus(Duration.ofHours(i));
                jdbc.sql("""
                        INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, opens, clicks,
                            imported_at)
                        VALUES (:contact, :message, :sent, :opened, 1, 0, CURRENT_TIMESTAMP)
                        """)
                        .param("contact", ids.get(i))
                        .param("message", "flat-" + day)
                        .param("sent", java.sql.Timestamp.from(sent))
                        .param("opened", java.sql.Timestamp.from(sent.plus(Duration.ofMinutes(10))))
                        .update();
            }
        }
    }

    @Test
    void anAdaptiveCampaignWithSendTimesLeavesEachSubjectToItsClaim() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 6);
        // stored predictions that plan everyone hours ahead: without them (no scoring run yet in
        // this JVM) everyone would be sent at the start, and claimed rows have their subject
        Instant now = clock.instant();
        long run = StoredProfiles.run(jdbc, now.minus(Duration.ofHours(2)));
        for (long contact : ids(emails)) {
            StoredProfiles.profile(
                    jdbc,
                    run,
                    contact,
                    now.minus(Duration.ofHours(2)),
                    ZONE,
                    "LOW",
                    now.plus(Duration.ofHours(5)),
                    0.1,
                    0.5);
        }
        long id = campaign(
                admin,
                template(admin),
                segment(admin, tag),
                Map.of(
                        "sendTimeOptimization",
                        Map.of("windowHours", 24),
                        "subjectVariants",
                        List.of("A", "B"),
                        "variantSelection",
                        "adaptive",
                        "maxRatePerSecond",
                        60));
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fetch(id).get("progress").get("total").asLong() == 6);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :id AND variant IS NULL")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("planned rows get their subject when claimed, as every adaptive row")
                .isEqualTo(6);
        admin.post("/api/v1/campaigns/" + id + "/cancel");
    }

    @Test
    void neverClaimsARowBeforeItsTimeAndResendsRowsOfALostLease() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 6);
        Instant now = clock.instant();
        long run = StoredProfiles.run(jdbc, now.minus(Duration.ofHours(2)));
        for (long contact : ids(emails)) {
            StoredProfiles.profile(
                    jdbc,
                    run,
                    contact,
                    now.minus(Duration.ofHours(2)),
                    ZONE,
                    "MEDIUM",
                    now.plus(Duration.ofHours(3)),
                    0.1,
                    0.5);
        }
        long id = campaign(
                admin, template(admin), segment(admin, tag), Map.of("sendTimeOptimization", Map.of("windowHours", 6)));
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fetch(id).get("progress").get("scheduled").asLong() == 6);
        List<Instant> times = new ArrayList<>();
        for (JsonNode item : recipients(id, "")) {
            times.add(Instant.parse(item.get("scheduledAt").asString()));
        }
        Instant first = times.stream().min(Instant::compareTo).orElseThrow();
        Instant last = times.stream().max(Instant::compareTo).orElseThrow();
        assertThat(first).isAfter(now.plus(Duration.ofHours(2)));

        Instant lease = clock.instant().plusMillis(500);
        assertThat(queue.claim(id, 100, "ghost", lease, clock.instant())).isEmpty();
        assertThat(queue.claim(id, 100, "ghost", lease, first.minusMillis(1)))
                .as("a millisecond early")
                .isEmpty();
        assertThat(queue.claim(id, 100, "ghost", lease, first)).hasSize(1);
        // an instance that claimed the rest at their time and died: its lease runs out, the rows are
        // sent again (counted as possibly duplicated) and only then does the campaign finish
        assertThat(queue.claim(id, 100, "ghost", lease, last)).hasSize(5);
        JsonNode finished = awaitStatus(id, "FINISHED");
        assertThat(finished.get("progress").get("sent").asLong()).isEqualTo(6);
        assertThat(finished.get("progress").get("possiblyDuplicated").asLong()).isEqualTo(6);
        assertThat(finished.get("progress").get("scheduled").asLong()).isZero();
    }

    @Test
    void pausedWhenItsTimeComesSendsNothingAndEveryoneOnceAfterTheResume() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 8);
        long id = campaign(
                admin, template(admin), segment(admin, tag), Map.of("sendTimeOptimization", Map.of("windowHours", 1)));
        Instant start = Instant.parse(admin.post("/api/v1/campaigns/" + id + "/start")
                .json()
                .get("startedAt")
                .asString());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> fetch(id).get("progress").get("total").asLong() == 8);
        for (JsonNode item : recipients(id, "")) {
            Instant at = Instant.parse(item.get("scheduledAt").asString());
            assertThat(at).isAfterOrEqualTo(start).isBefore(start.plus(Duration.ofHours(1)));
        }
        assertThat(admin.post("/api/v1/campaigns/" + id + "/pause").status()).isEqualTo(200);
        // rows planned for the first instants may have gone before the pause; those in flight finish
        await().pollDelay(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> true);
        long alreadySent = fetch(id).get("progress").get("sent").asLong();
        try {
            clock.advance(Duration.ofHours(1));
            await().pollDelay(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            JsonNode paused = fetch(id);
            assertThat(paused.get("progress").get("sent").asLong()).isEqualTo(alreadySent);
            assertThat(paused.get("progress").get("scheduled").asLong())
                    .as("their time has come")
                    .isZero();
            assertThat(paused.get("progress").get("queued").asLong()).isEqualTo(8 - alreadySent);

            assertThat(admin.post("/api/v1/campaigns/" + id + "/resume").status())
                    .isEqualTo(200);
            JsonNode finished = awaitStatus(id, "FINISHED");
            assertThat(finished.get("progress").get("sent").asLong()).isEqualTo(8);
        } finally {
            clock.reset();
        }
        for (String email : emails) {
            assertThat(TestMail.awaitFor(email, 1, Duration.ofSeconds(5)))
                    .as(email)
                    .hasSize(1);
        }
    }

    @Test
    void validatesTheWindowAtTheEdge() {
        long template = template(admin);
        long segment = segment(admin, ContestTestData.unique());
        for (Object window : List.of(0, 169, -1)) {
            Api.Response refused = admin.post(
                    "/api/v1/campaigns",
                    Map.of(
                            "name",
                            "STO",
                            "templateId",
                            template,
                            "audience",
                            Map.of("segmentId", segment),
                            "from",
                            "a@iabulk.test",
                            "sendTimeOptimization",
                            Map.of("windowHours", window)));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("windowHours");
        }
        Api.Response missing = admin.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "STO",
                        "templateId",
                        template,
                        "audience",
                        Map.of("segmentId", segment),
                        "from",
                        "a@iabulk.test",
                        "sendTimeOptimization",
                        Map.of()));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        long plain = campaign(admin, template, segment, Map.of());
        assertThat(fetch(plain).get("sendTimeOptimization").isNull()).isTrue();
    }

    private List<Long> ids(List<String> emails) {
        List<Long> ids = new ArrayList<>();
        for (String email : emails) {
            ids.add(jdbc.sql("SELECT id FROM contacts WHERE email = :e")
                    .param("e", email)
                    .query(Long.class)
                    .single());
        }
        return ids;
    }

    private List<JsonNode> recipients(long id, String query) {
        Api.Response response = admin.get("/api/v1/campaigns/" + id + "/recipients?limit=1000" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    private JsonNode awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fetch(id).get("status").asString().equals(status));
        return fetch(id);
    }

    private JsonNode fetch(long id) {
        Api.Response response = admin.get("/api/v1/campaigns/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
