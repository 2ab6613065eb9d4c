package io.iabulk.intelligence.predictions;

import static io.iabulk.support.CampaignTestData.contactRow;
import static io.iabulk.support.CampaignTestData.templateBody;
import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.assertProblem;
import static io.iabulk.support.Problems.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.RenderResult;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Predictions stored by a scoring run and served (docs/decisions/0019, "Predictions"), on the real
 * PostgreSQL, with the baseline predictor: engaged contacts open every mail sent at 09:00 local
 * time, a dormant one was mailed at 03:00 for months and never opened, so the population's hours
 * and the tiers are known.
 */
class PredictionsTest extends HttpTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int UNMAILED = 11;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScoringWorker worker;

    @Autowired
    MessageRenderer renderer;

    private String tag;
    private long engaged;
    private long engagedInParis;
    private long dormant;
    private long unmailed;

    /**
     * Two engaged contacts, a dormant one and eleven never mailed, so that the engaged are the top
     * fifth of the batch (of the whole table too: other tests' contacts have no history) and the
     * dormant one the bottom.
     */
    @BeforeEach
    void people() {
        tag = ContestTestData.unique();
        Instant now = Instant.now();
        engaged = contact(TOKYO.getId());
        engagedInParis = contact(PARIS.getId());
        dormant = contact(null);
        unmailed = contact("Europe/London");
        for (int i = 0; i < UNMAILED - 1; i++) {
            contact(null);
        }
        for (int day = 1; day <= 40; day++) {
            // every third day for 120 days, at 09:00 local: opened after 20 minutes, every other one clicked
            Instant tokyo = localTime(now.minus(Duration.ofDays(3L * day)), TOKYO, 9);
            Instant click = day % 2 == 0 ? tokyo.plus(Duration.ofMinutes(25)) : null;
            history(engaged, "m" + day, tokyo, tokyo.plus(Duration.ofMinutes(20)), click);
            Instant paris = localTime(now.minus(Duration.ofDays(3L * day)), PARIS, 9);
            history(engagedInParis, "m" + day, paris, paris.plus(Duration.ofMinutes(20)), null);
            // every fifth day from 100 to 300 days ago, at 03:00 UTC: never opened
            Instant night = localTime(now.minus(Duration.ofDays(95 + 5L * day)), ZoneId.of("UTC"), 3);
            history(dormant, "m" + day, night, null, null);
        }
    }

    @Test
    void aRunStoresEveryActiveContactAndTheApiServesTheShapeFromIt() {
        ScoringWorker.Outcome run = score();

        assertThat(run.source()).isEqualTo("baseline");
        assertThat(run.modelId()).isNull();
        assertThat(run.contacts()).isEqualTo(activeContacts().size());
        assertThat(run.failed()).isZero();
        JsonNode prediction =
                admin.get("/api/v1/contacts/" + engaged + "/predictions").json();
        assertThat(prediction.propertyNames())
                .containsExactly(
                        "contactId",
                        "openProbability",
                        "clickProbability",
                        "engagementScore",
                        "tier",
                        "bestHours",
                        "timeZone",
                        "modelId",
                        "source",
                        "computedAt");
        assertThat(prediction.get("contactId").asLong()).isEqualTo(engaged);
        assertThat(prediction.get("openProbability").asDouble()).isBetween(0.5, 1.0);
        assertThat(prediction.get("clickProbability").asDouble())
                .isBetween(0.0, prediction.get("openProbability").asDouble());
        assertThat(prediction.get("engagementScore").asInt()).isBetween(80, 100);
        assertThat(prediction.get("tier").asString()).isEqualTo("HIGH");
        assertThat(prediction.get("timeZone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(prediction.get("modelId").isNull()).isTrue();
        assertThat(prediction.get("source").asString()).isEqualTo("baseline");
        assertThat(Instant.parse(prediction.get("computedAt").asString())).isEqualTo(run.computedAt());

        JsonNode quiet =
                admin.get("/api/v1/contacts/" + dormant + "/predictions").json();
        assertThat(quiet.get("tier").asString()).isEqualTo("DORMANT");
        assertThat(quiet.get("engagementScore").asInt()).isLessThan(Tier.MEDIUM_FROM);
        assertThat(quiet.get("openProbability").asDouble())
                .isLessThan(prediction.get("openProbability").asDouble());
        assertThat(quiet.get("timeZone").asString()).isEqualTo("UTC");
        // no history: not silent (never mailed), so LOW or above, never DORMANT
        assertThat(admin.get("/api/v1/contacts/" + unmailed + "/predictions")
                        .json()
                        .get("tier")
                        .asString())
                .isNotEqualTo("DORMANT");
        assertThat(jdbc.sql("SELECT count(*) FROM contact_predictions WHERE run_id = :run")
                        .param("run", run.runId())
                        .query(Long.class)
                        .single())
                .isEqualTo(run.contacts());
    }

    @Test
    void aRunLeftRunningByACrashedInstanceIsFailedByTheNextLeaseHolder() {
        // what a killed instance leaves: its run RUNNING and its lease held until it expires
        Instant crashedAt = Instant.now().minus(Duration.ofHours(1));
        long crashed = jdbc.sql("""
                        INSERT INTO prediction_runs (started_at, status, reason, source)
                        VALUES (:at, 'RUNNING', 'interval', 'baseline') RETURNING id
                        """)
                .param("at", java.sql.Timestamp.from(crashedAt))
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE prediction_lease SET holder = 'killed-instance', lease_until = :until WHERE name = 'scoring'")
                .param("until", java.sql.Timestamp.from(crashedAt.plus(Duration.ofMinutes(10))))
                .update();

        ScoringWorker.Outcome run = score();

        var crashedRun = jdbc.sql("SELECT status, error, finished_at FROM prediction_runs WHERE id = :id")
                .param("id", crashed)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        assertThat(crashedRun[0]).isEqualTo("FAILED");
        assertThat(crashedRun[1]).contains("abandoned");
        assertThat(crashedRun[2]).isNotNull();
        assertThat(jdbc.sql("SELECT status FROM prediction_runs WHERE id = :id")
                        .param("id", run.runId())
                        .query(String.class)
                        .single())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void bestHoursAreTheContactsLocalHoursAndTheSendTimeChangesTheProbabilities() {
        score();
        ScoringWorker.Outcome run = score(); // the second run's baseline knows the population's hours

        JsonNode prediction =
                admin.get("/api/v1/contacts/" + engaged + "/predictions").json();
        List<JsonNode> best = new ArrayList<>();
        prediction.get("bestHours").forEach(best::add);
        assertThat(best).hasSize(3);
        // the population opens at 09:00 local and never at 03:00; the contact's rate decays with time,
        // so its best hours are 09:00 on the next three days, in Tokyo
        ZonedDateTime first = nextLocal(run.computedAt(), TOKYO, 9);
        for (int i = 0; i < 3; i++) {
            assertThat(best.get(i).get("hour").asInt()).isEqualTo(9);
            assertThat(best.get(i).get("dayOfWeek").asString())
                    .isEqualTo(first.plusDays(i).getDayOfWeek().name());
        }
        assertThat(best.get(0).get("openProbability").asDouble())
                .isGreaterThanOrEqualTo(best.get(2).get("openProbability").asDouble());
        List<String> parisHours = new ArrayList<>();
        admin.get("/api/v1/contacts/" + engagedInParis + "/predictions")
                .json()
                .get("bestHours")
                .forEach(h -> parisHours.add(h.get("hour").asString()));
        assertThat(parisHours).containsOnly("9");

        Instant morning = first.toInstant().plus(Duration.ofMinutes(10));
        Instant night = first.withHour(3).plusDays(1).toInstant();
        double atMorning = openAt(engaged, morning);
        double atNight = openAt(engaged, night);
        assertThat(atMorning).isGreaterThan(atNight);
        assertThat(atMorning).isEqualTo(best.get(0).get("openProbability").asDouble());
        // the same hour a week later is outside the stored week: computed from the history, now
        Instant weekLater = morning.plus(Duration.ofDays(8));
        JsonNode later = admin.get("/api/v1/contacts/" + engaged + "/predictions?at=" + weekLater)
                .json();
        assertThat(Instant.parse(later.get("computedAt").asString())).isAfter(run.computedAt());
        assertThat(later.get("openProbability").asDouble())
                .isGreaterThan(openAt(engaged, weekLater.minus(Duration.ofHours(6))));
        assertThat(later.get("engagementScore").asInt())
                .isEqualTo(prediction.get("engagementScore").asInt());
    }

    @Test
    void aContactCreatedAfterTheRunIsComputedAndRankedAgainstIt() {
        ScoringWorker.Outcome run = score();
        long newcomer = contact("America/New_York");

        JsonNode prediction =
                admin.get("/api/v1/contacts/" + newcomer + "/predictions").json();

        assertThat(prediction.get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(Instant.parse(prediction.get("computedAt").asString())).isAfter(run.computedAt());
        assertThat(prediction.get("engagementScore").asInt()).isBetween(0, 100);
        assertThat(prediction.get("tier").asString()).isIn("MEDIUM", "LOW");
        assertThat(prediction.get("bestHours")).hasSize(3);
    }

    @Test
    void anErasedContactLosesItsHistoryAndPredictions() {
        score();
        assertThat(admin.get("/api/v1/contacts/" + engaged + "/predictions").status())
                .isEqualTo(200);

        assertThat(admin.send("DELETE", "/api/v1/contacts/" + engaged, null, new byte[0])
                        .status())
                .isIn(200, 204);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rowsOf(engaged)).isZero());
        assertProblem(admin.get("/api/v1/contacts/" + engaged + "/predictions"), 404, "not-found");
        assertThat(rowsOf(engagedInParis)).as("another contact keeps its rows").isPositive();
    }

    private long rowsOf(long contact) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM engagement_history WHERE contact_id = :id)
                             + (SELECT COUNT(*) FROM contact_prediction_hours WHERE contact_id = :id)
                             + (SELECT COUNT(*) FROM contact_predictions WHERE contact_id = :id)
                        """).param("id", contact).query(Long.class).single();
    }

    @Test
    void refusesWithoutTheKeyAnUnknownContactAndABadTime() {
        score();

        assertProblem(api.get("/api/v1/contacts/" + engaged + "/predictions"), 401, "unauthorized");
        assertProblem(api.get("/api/v1/predictions/export"), 401, "unauthorized");
        assertProblem(admin.get("/api/v1/contacts/987654321/predictions"), 404, "not-found");
        assertInvalid(admin.get("/api/v1/contacts/" + engaged + "/predictions?at=tomorrow"), "at");
        assertInvalid(
                admin.get("/api/v1/contacts/" + engaged + "/predictions?at=" + param("+300000-01-01T00:00:00Z")), "at");
        assertInvalid(admin.get("/api/v1/predictions/export?at=2026-13-01"), "at");
    }

    @Test
    void theExportStreamsEveryActiveContactWithItsStoredScores() throws IOException {
        long unsubscribed = contactRow().status("UNSUBSCRIBED").insert(jdbc);
        score();
        long newcomer = contact(null);

        Api.Response response = admin.get("/api/v1/predictions/export");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.body())
                .startsWith("contactId,email,openProbability,clickProbability,engagementScore,tier\r\n");
        Map<Long, CSVRecord> rows = rows(response);
        assertThat(rows.keySet()).containsExactlyElementsOf(activeContacts()).doesNotContain(unsubscribed);
        CSVRecord row = rows.get(engaged);
        Map<String, Object> stored = jdbc.sql("""
                        SELECT open_probability, click_probability, engagement_score, tier
                        FROM contact_predictions WHERE contact_id = :id
                        """).param("id", engaged).query().singleRow();
        assertThat(Double.parseDouble(row.get("openProbability")))
                .isCloseTo((Double) stored.get("open_probability"), within(0.00005));
        assertThat(Double.parseDouble(row.get("clickProbability")))
                .isCloseTo((Double) stored.get("click_probability"), within(0.00005));
        assertThat(row.get("engagementScore"))
                .isEqualTo(stored.get("engagement_score").toString());
        assertThat(row.get("tier")).isEqualTo("HIGH");
        assertThat(rows.get(dormant).get("tier")).isEqualTo("DORMANT");
        // created after the run: listed, not scored yet
        assertThat(rows.get(newcomer).values())
                .containsExactly(Long.toString(newcomer), email(newcomer), "", "", "", "");
    }

    @Test
    void theExportAtASendTimeUsesTheStoredHoursOrComputesEveryContact() throws IOException {
        ScoringWorker.Outcome run = score();
        long newcomer = contact(null);
        Instant morning = nextLocal(run.computedAt(), TOKYO, 9).toInstant();

        Map<Long, CSVRecord> stored = rows(admin.get("/api/v1/predictions/export?at=" + morning));

        assertThat(Double.parseDouble(stored.get(engaged).get("openProbability")))
                .isEqualTo(openAt(engaged, morning));
        assertThat(stored.get(newcomer).get("openProbability")).isEmpty();

        Instant nextMonth = morning.plus(Duration.ofDays(30));
        Map<Long, CSVRecord> computed = rows(admin.get("/api/v1/predictions/export?at=" + nextMonth));

        assertThat(computed.keySet()).containsExactlyElementsOf(activeContacts());
        assertThat(computed.values())
                .allSatisfy(row -> assertThat(row.get("openProbability")).isNotEmpty());
        assertThat(Double.parseDouble(computed.get(engaged).get("openProbability")))
                .isEqualTo(openAt(engaged, nextMonth));
        assertThat(computed.get(engaged).get("tier")).isEqualTo("HIGH");
        assertThat(computed.get(newcomer).get("tier")).isEmpty();
    }

    @Test
    void segmentConditionsOnPredictionsSelectAndCountTheRightContacts() {
        score();
        contact(null); // not scored: no condition on predictions matches it
        double dormantOpen = jdbc.sql("SELECT open_probability FROM contact_predictions WHERE contact_id = :id")
                .param("id", dormant)
                .query(Double.class)
                .single();
        int dormantScore = jdbc.sql("SELECT engagement_score FROM contact_predictions WHERE contact_id = :id")
                .param("id", dormant)
                .query(Integer.class)
                .single();

        assertThat(count(condition("predictions.tier", "eq", "dormant"))).isEqualTo(1);
        assertThat(count(condition("predictions.tier", "in", List.of("HIGH")))).isEqualTo(2);
        assertThat(count(condition("predictions.tier", "in", List.of("MEDIUM", "low"))))
                .isEqualTo(UNMAILED);
        assertThat(count(condition("predictions.openProbability", "lte", dormantOpen)))
                .isEqualTo(1);
        assertThat(count(condition("predictions.openProbability", "gt", dormantOpen)))
                .isEqualTo(2 + UNMAILED);
        assertThat(count(condition("predictions.openProbability", "eq", dormantOpen)))
                .isEqualTo(1);
        assertThat(count(condition("predictions.clickProbability", "gt", 0))).isEqualTo(3 + UNMAILED);
        assertThat(count(condition("predictions.engagementScore", "gte", Tier.HIGH_FROM)))
                .isEqualTo(2);
        assertThat(count(condition("predictions.engagementScore", "lt", Tier.MEDIUM_FROM)))
                .isGreaterThanOrEqualTo(1);
        assertThat(count(condition("predictions.engagementScore", "eq", dormantScore)))
                .isEqualTo(1);
        assertThat(count(condition("predictions.engagementScore", "lte", 100))).isEqualTo(3 + UNMAILED);

        assertInvalid(segment(condition("predictions.openProbability", "gte", 1.5)), "filter.all[1].value");
        assertInvalid(segment(condition("predictions.engagementScore", "gte", 50.5)), "filter.all[1].value");
        assertInvalid(segment(condition("predictions.tier", "eq", "SUPER")), "filter.all[1].value");
        assertInvalid(segment(condition("predictions.tier", "in", List.of("HIGH", "SUPER"))), "filter.all[1].value");
        assertInvalid(segment(condition("predictions.tier", "gte", "HIGH")), "filter.all[1].op");
        assertInvalid(segment(condition("predictions.openProbability", "in", List.of(1))), "filter.all[1].op");
    }

    @Test
    void templatesRenderTheTierAndAContactNotScoredRendersNothing() {
        score();
        long late = contact(null);
        long template = admin.post(
                        "/api/v1/templates",
                        templateBody(
                                "You are {{predictions.tier}}",
                                "<p>[{{predictions.tier}}] {{predictions.engagementScore}}</p>"
                                        + "<a href=\"{{unsubscribeUrl}}\">unsubscribe</a>",
                                null))
                .json()
                .get("id")
                .asLong();

        List<RenderResult> results = renderer.render(List.of(
                new QueuedSend(9701, null, engaged, template, 0, 1, null),
                new QueuedSend(9702, null, dormant, template, 0, 1, null),
                new QueuedSend(9703, null, late, template, 0, 1, null)));

        assertThat(rendered(results.get(0)).subject()).isEqualTo("You are HIGH");
        assertThat(rendered(results.get(1)).html()).startsWith("<p>[DORMANT] ");
        assertThat(rendered(results.get(2)).html()).startsWith("<p>[] </p>");
        JsonNode preview = admin.post("/api/v1/templates/" + template + "/preview", Map.of("contactId", late))
                .json();
        assertThat(preview.get("subject").asString()).isEqualTo("You are");
        assertThat(preview.get("warnings").findValuesAsString("kind")).contains("EMPTY_VARIABLE");
        assertThat(admin.post("/api/v1/templates/" + template + "/preview", Map.of("contactId", engaged))
                        .json()
                        .get("subject")
                        .asString())
                .isEqualTo("You are HIGH");
        JsonNode unknownField = admin.post(
                        "/api/v1/templates",
                        templateBody("{{predictions.mood}}", "<a href=\"{{unsubscribeUrl}}\">x</a>", null))
                .json();
        assertThat(unknownField.get("warnings").findValuesAsString("kind")).containsExactly("UNKNOWN_VARIABLE");
    }

    // ---- helpers

    private ScoringWorker.Outcome score() {
        return worker.runOnce("test").orElseThrow();
    }

    private long contact(String timeZone) {
        return contactRow()
                .email(ContestTestData.email("predict"))
                .timeZone(timeZone)
                .attributes("{\"batch\":\"" + tag + "\"}")
                .insert(jdbc);
    }

    private void history(long contact, String message, Instant sentAt, Instant openedAt, Instant clickedAt) {
        jdbc.sql("""
                INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, opens, clicks,
                    imported_at)
                VALUES (:contact, :message, :sent, :opened, :clicked, :opens, :clicks, CURRENT_TIMESTAMP)
                """)
                .param("contact", contact)
                .param("message", message)
                .param("sent", Timestamp.from(sentAt))
                .param("opened", openedAt == null ? null : Timestamp.from(openedAt))
                .param("clicked", clickedAt == null ? null : Timestamp.from(clickedAt))
                .param("opens", openedAt == null ? 0 : 1)
                .param("clicks", clickedAt == null ? 0 : 1)
                .update();
    }

    /** The given hour, local time, on the local day of {@code day}. */
    private static Instant localTime(Instant day, ZoneId zone, int hour) {
        return day.atZone(zone).with(LocalTime.of(hour, 0)).toInstant();
    }

    /** The first {@code hour}:00 local time whose hour starts after the hour of {@code after} began. */
    private static ZonedDateTime nextLocal(Instant after, ZoneId zone, int hour) {
        ZonedDateTime start = after.truncatedTo(ChronoUnit.HOURS).atZone(zone);
        ZonedDateTime candidate = start.with(LocalTime.of(hour, 0));
        return candidate.isBefore(start) ? candidate.plusDays(1) : candidate;
    }

    private double openAt(long contact, Instant at) {
        return admin.get("/api/v1/contacts/" + contact + "/predictions?at=" + at)
                .json()
                .get("openProbability")
                .asDouble();
    }

    private List<Long> activeContacts() {
        return jdbc.sql("SELECT id FROM contacts WHERE status = 'ACTIVE' ORDER BY id")
                .query(Long.class)
                .list();
    }

    private String email(long contact) {
        return jdbc.sql("SELECT email FROM contacts WHERE id = :id")
                .param("id", contact)
                .query(String.class)
                .single();
    }

    private static Map<String, Object> condition(String field, String op, Object value) {
        return Map.of("field", field, "op", op, "value", value);
    }

    private long count(Map<String, Object> condition) {
        Api.Response created = segment(condition);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return admin.get("/api/v1/segments/" + created.json().get("id").asLong() + "/count")
                .json()
                .get("count")
                .asLong();
    }

    /** A segment of this test's contacts that also meet the condition. */
    private Api.Response segment(Map<String, Object> condition) {
        Map<String, Object> batch = condition("attributes.batch", "eq", tag);
        return admin.post(
                "/api/v1/segments",
                Map.of("name", "Predicted " + tag, "filter", Map.of("all", List.of(batch, condition))));
    }

    /** The export's rows by contact id, each contact once, in the order of the file. */
    private static Map<Long, CSVRecord> rows(Api.Response response) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        Map<Long, CSVRecord> rows = new LinkedHashMap<>();
        for (CSVRecord row : format.parse(new StringReader(response.body()))) {
            long id = Long.parseLong(row.get("contactId"));
            assertThat(rows.put(id, row)).as("contact %d listed once", id).isNull();
        }
        return rows;
    }

    private static OutgoingMail rendered(RenderResult result) {
        assertThat(result).isInstanceOf(RenderResult.Rendered.class);
        return ((RenderResult.Rendered) result).mail();
    }
}
