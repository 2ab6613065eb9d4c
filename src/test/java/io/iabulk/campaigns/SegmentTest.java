package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.contactRow;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.AudienceQuery;
import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SegmentTest extends HttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SegmentService segments;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** Counts the contacts of one test's batch (attribute batch) that also match a condition. */
    private long count(String batch, String condition) {
        return segments.countFilter(JSON.readTree("""
                {"all": [{"field": "attributes.batch", "op": "eq", "value": "%s"}, %s]}
                """.formatted(batch, condition)));
    }

    private static String attrs(String batch, String more) {
        return "{\"batch\":\"" + batch + "\"" + (more.isEmpty() ? "" : "," + more) + "}";
    }

    @Test
    void everyContactConditionCompilesAndCountsRealRows() {
        String b = unique();
        Instant now = Instant.now();
        contactRow()
                .email("ada@alpha-" + b + ".test")
                .names("Ada", "Lovelace")
                .locale("en-GB")
                .timeZone("Europe/London")
                .attributes(attrs(b, "\"plan\":\"gold\",\"city\":\"Paris\""))
                .createdAt(Instant.parse("2025-01-10T00:00:00Z"))
                .insert(jdbc);
        contactRow()
                .email("bob@beta-" + b + ".test")
                .names("Bob", "Stone")
                .status("UNSUBSCRIBED")
                .locale("fr-FR")
                .timeZone("Europe/Paris")
                .attributes(attrs(b, "\"plan\":\"silver\""))
                .createdAt(Instant.parse("2025-06-01T00:00:00Z"))
                .insert(jdbc);
        contactRow()
                .email("carol@alpha-" + b + ".test")
                .names("Carol", null)
                .attributes(attrs(b, "\"plan\":\"Gold\""))
                .createdAt(now.minus(Duration.ofDays(2)))
                .insert(jdbc);
        contactRow()
                .email("dan_x@beta-" + b + ".test")
                .names("Dan", "")
                .status("BOUNCED")
                .attributes(attrs(b, ""))
                .createdAt(now)
                .insert(jdbc);

        assertThat(count(b, "{\"field\": \"status\", \"op\": \"eq\", \"value\": \"ACTIVE\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"status\", \"op\": \"eq\", \"value\": \"active\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"status\", \"op\": \"neq\", \"value\": \"ACTIVE\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"status\", \"op\": \"in\", \"value\": [\"BOUNCED\", \"UNSUBSCRIBED\"]}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"domain\", \"value\": \"alpha-" + b + ".test\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"domain\", \"value\": \"@BETA-" + b + ".test\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"eq\", \"value\": \"ADA@alpha-" + b + ".test\"}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"contains\", \"value\": \"n_x\"}"))
                .isEqualTo(1);
        // wildcards are values, not patterns
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"contains\", \"value\": \"%\"}"))
                .isZero();
        assertThat(count(b, "{\"field\": \"email\", \"op\": \"contains\", \"value\": \"a_a\"}"))
                .isZero();
        assertThat(count(b, "{\"field\": \"firstName\", \"op\": \"eq\", \"value\": \"ada\"}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"firstName\", \"op\": \"neq\", \"value\": \"ada\"}"))
                .isEqualTo(3);
        assertThat(count(b, "{\"field\": \"firstName\", \"op\": \"contains\", \"value\": \"O\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"firstName\", \"op\": \"in\", \"value\": [\"Ada\", \"DAN\"]}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"lastName\", \"op\": \"exists\"}")).isEqualTo(2);
        assertThat(count(b, "{\"field\": \"lastName\", \"op\": \"exists\", \"value\": false}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"locale\", \"op\": \"eq\", \"value\": \"en-gb\"}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"locale\", \"op\": \"exists\", \"value\": false}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"timeZone\", \"op\": \"in\", \"value\": [\"Europe/Paris\"]}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"createdAt\", \"op\": \"before\", \"value\": \"2025-03-01\"}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"createdAt\", \"op\": \"after\", \"value\": \"2025-03-01T00:00:00Z\"}"))
                .isEqualTo(3);
        assertThat(count(b, "{\"field\": \"createdAt\", \"op\": \"within\", \"value\": 7}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"eq\", \"value\": \"gold\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"neq\", \"value\": \"gold\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"in\", \"value\": [\"silver\", \"bronze\"]}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"contains\", \"value\": \"OL\"}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"exists\"}"))
                .isEqualTo(3);
        assertThat(count(b, "{\"field\": \"attributes.plan\", \"op\": \"exists\", \"value\": false}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"attributes.city\", \"op\": \"eq\", \"value\": \"PARIS\"}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"attributes.nothing\", \"op\": \"eq\", \"value\": \"x\"}"))
                .isZero();
        assertThat(count(b, """
                        {"any": [
                          {"all": [{"field": "status", "op": "eq", "value": "ACTIVE"},
                                   {"field": "email", "op": "domain", "value": "alpha-%s.test"}]},
                          {"field": "firstName", "op": "eq", "value": "Dan"}]}
                        """.formatted(b))).isEqualTo(3);
    }

    @Test
    void contestConditionsCountParticipantsConfirmationsReferralsAndPoints() {
        String b = unique();
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", signup(email("alice")))
                .json();
        String code = alice.get("referralCode").asString();
        JsonNode bob = api.post("/api/v1/contests/" + contest + "/signups", signup(email("bob"), code))
                .json();
        api.post("/api/v1/contests/" + contest + "/signups", signup(email("carol"), code));
        jdbc.sql("""
                UPDATE contacts SET attributes = CAST(:attributes AS JSONB)
                WHERE id IN (SELECT contact_id FROM contest_participants WHERE contest_id = :contest)
                """)
                .param("attributes", attrs(b, ""))
                .param("contest", contest)
                .update();
        jdbc.sql("UPDATE contest_participants SET status = 'PENDING' WHERE referral_code = :code")
                .param("code", bob.get("referralCode").asString())
                .update();
        contactRow().attributes(attrs(b, "")).insert(jdbc);
        String c = "\"contestId\": " + contest;

        assertThat(count(b, "{\"field\": \"contest\", \"op\": \"participant\", " + c + "}"))
                .isEqualTo(3);
        assertThat(count(b, "{\"field\": \"contest\", \"op\": \"participant\", \"value\": false, " + c + "}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"contest\", \"op\": \"confirmed\", " + c + "}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"contest.referrals\", \"op\": \"gte\", \"value\": 2, " + c + "}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"contest.referrals\", \"op\": \"eq\", \"value\": 0, " + c + "}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"contest.referrals\", \"op\": \"lt\", \"value\": 5, " + c + "}"))
                .isEqualTo(3);
        assertThat(count(b, "{\"field\": \"contest.points\", \"op\": \"gte\", \"value\": 20, " + c + "}"))
                .isEqualTo(1);
        assertThat(count(b, "{\"field\": \"contest.points\", \"op\": \"lte\", \"value\": 10, " + c + "}"))
                .isEqualTo(2);
        assertThat(count(b, "{\"field\": \"contest.points\", \"op\": \"gt\", \"value\": 0, \"contestId\": 987654}"))
                .isZero();

        List<Long> audience = ids(segments.contestAudience(contest));
        assertThat(audience)
                .hasSize(2)
                .doesNotContain(contactOf(bob.get("referralCode").asString()));
    }

    /**
     * email_sends belongs to delivery (built elsewhere). The engagement conditions run here against a
     * temporary table of the same name, which PostgreSQL resolves before any table of the schema,
     * holding just the columns they read.
     */
    @Test
    void engagementConditionsReadTheSendTimesOfEmailSends() {
        String b = unique();
        Instant now = Instant.now();
        long recent = contactRow().attributes(attrs(b, "")).insert(jdbc);
        long old = contactRow().attributes(attrs(b, "")).insert(jdbc);
        contactRow().attributes(attrs(b, "")).insert(jdbc); // never mailed

        long[] counts = transactions.execute(tx -> {
            jdbc.sql("""
                    CREATE TEMPORARY TABLE email_sends (contact_id BIGINT NOT NULL, sent_at TIMESTAMP WITH TIME ZONE,
                        opened_at TIMESTAMP WITH TIME ZONE, clicked_at TIMESTAMP WITH TIME ZONE) ON COMMIT DROP
                    """).update();
            send(recent, now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(20)), null);
            send(recent, now.minus(Duration.ofDays(40)), null, now.minus(Duration.ofDays(39)));
            send(old, now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(59)), now.minus(Duration.ofDays(59)));
            long[] result = {
                count(b, "{\"field\": \"lastSentAt\", \"op\": \"within\", \"value\": 7}"),
                count(
                        b,
                        "{\"field\": \"lastSentAt\", \"op\": \"before\", \"value\": \"" + now.minus(Duration.ofDays(30))
                                + "\"}"),
                count(b, "{\"field\": \"lastSentAt\", \"op\": \"never\"}"),
                count(
                        b,
                        "{\"field\": \"lastOpenedAt\", \"op\": \"after\", \"value\": \"" + now.minus(Duration.ofDays(2))
                                + "\"}"),
                count(b, "{\"field\": \"lastOpenedAt\", \"op\": \"within\", \"value\": 90}"),
                count(
                        b,
                        "{\"field\": \"lastClickedAt\", \"op\": \"before\", \"value\": \""
                                + now.minus(Duration.ofDays(45)) + "\"}"),
                count(b, "{\"field\": \"lastClickedAt\", \"op\": \"never\"}")
            };
            tx.setRollbackOnly();
            return result;
        });

        assertThat(counts).containsExactly(1, 1, 1, 1, 2, 1, 1);
    }

    private void send(long contact, Instant sent, Instant opened, Instant clicked) {
        jdbc.sql("INSERT INTO email_sends (contact_id, sent_at, opened_at, clicked_at) VALUES (:c, :s, :o, :k)")
                .param("c", contact)
                .param("s", ts(sent))
                .param("o", ts(opened))
                .param("k", ts(clicked))
                .update();
    }

    @Test
    void segmentsAreCreatedReadAndCountedOverHttp() {
        String b = unique();
        long active = contactRow().attributes(attrs(b, "\"tier\":\"a\"")).insert(jdbc);
        long unsubscribed = contactRow()
                .status("UNSUBSCRIBED")
                .attributes(attrs(b, "\"tier\":\"a\""))
                .insert(jdbc);
        contactRow().attributes(attrs(b, "\"tier\":\"b\"")).insert(jdbc);
        Map<String, Object> body = Map.of("name", "Tier A", "filter", JSON.readTree("""
                        {"all": [{"field": "attributes.batch", "op": "eq", "value": "%s"},
                                 {"field": "attributes.tier", "op": "eq", "value": "a"}]}
                        """.formatted(b)));

        Api.Response created = admin.post("/api/v1/segments", body);

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).isEqualTo("/api/v1/segments/" + id);
        JsonNode read = admin.get("/api/v1/segments/" + id).json();
        assertThat(read.get("name").asString()).isEqualTo("Tier A");
        assertThat(read.get("filter").get("all").get(1).get("value").asString()).isEqualTo("a");
        // the count excludes nothing: the unsubscribed contact is counted too
        assertThat(admin.get("/api/v1/segments/" + id + "/count")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);
        assertThat(ids(segments.audience(id))).containsExactlyInAnyOrder(active, unsubscribed);
        assertThat(admin.get("/api/v1/segments/987654321").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/segments/987654321/count").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/segments", body).status()).isEqualTo(401);
    }

    @Test
    void invalidFiltersAreA400NamingThePathAndNothingIsStored() {
        long before =
                jdbc.sql("SELECT count(*) FROM segments").query(Long.class).single();

        assertThat(invalid("""
                        {"all": [{"field": "status", "op": "eq", "value": "ACTIVE"}, {"field": "shoeSize", "op": "eq", "value": "9"}]}
                        """)).containsExactly("filter.all[1].field");
        assertThat(invalid("{\"all\": [{\"field\": \"createdAt\", \"op\": \"eq\", \"value\": \"2025-01-01\"}]}"))
                .containsExactly("filter.all[0].op");
        assertThat(
                        invalid(
                                "{\"any\": [{\"field\": \"contest.referrals\", \"op\": \"gte\", \"value\": \"ten\", \"contestId\": 1}]}"))
                .containsExactly("filter.any[0].value");
        assertThat(invalid("{\"field\": \"contest\", \"op\": \"participant\"}")).containsExactly("filter.contestId");
        assertThat(invalid("{\"field\": \"status\", \"op\": \"eq\", \"value\": \"SLEEPY\"}"))
                .containsExactly("filter.value");
        assertThat(invalid("{\"field\": \"createdAt\", \"op\": \"before\", \"value\": \"yesterday\"}"))
                .containsExactly("filter.value");
        assertThat(invalid("{\"field\": \"firstName\", \"op\": \"eq\", \"value\": \"x\", \"extra\": 1}"))
                .containsExactly("filter.extra");
        assertThat(invalid("{\"all\": []}")).containsExactly("filter.all");
        assertThat(invalid("{\"all\": [], \"any\": []}")).containsExactly("filter");
        assertThat(invalid("\"status = 'ACTIVE'\"")).containsExactly("filter");
        assertThat(invalid("{\"all\": [{\"all\": [{\"all\": [{\"all\": [{\"all\": [{\"all\": ["
                        + "{\"field\": \"status\", \"op\": \"eq\", \"value\": \"ACTIVE\"}]}]}]}]}]}]}"))
                .containsExactly("filter.all[0].all[0].all[0].all[0].all[0].all");
        assertThat(invalid("""
                        {"any": [{"field": "email"}, {"op": "eq"}, {"field": "lastOpenedAt", "op": "within", "value": 0}]}
                        """)).containsExactly("filter.any[0].op", "filter.any[1].field", "filter.any[2].value");
        Api.Response noFilter = admin.post("/api/v1/segments", Map.of("name", "x"));
        assertThat(noFilter.status()).isEqualTo(400);
        assertThat(noFilter.json().get("errors").findValuesAsString("field")).containsExactly("filter");
        assertThat(jdbc.sql("SELECT count(*) FROM segments").query(Long.class).single())
                .isEqualTo(before);
    }

    private List<String> invalid(String filter) {
        Api.Response response = admin.post("/api/v1/segments", "{\"name\": \"bad\", \"filter\": " + filter + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        return response.json().get("errors").findValuesAsString("field");
    }

    @Test
    void theAllAudienceHoldsEveryContactWithItsStatus() {
        long bounced = contactRow().status("BOUNCED").insert(jdbc);

        AudienceQuery all = segments.allAudience();
        List<Map<String, Object>> rows = jdbc.sql(all.sql() + " WHERE c.id = :id")
                .params(all.params())
                .param("id", bounced)
                .query()
                .listOfRows();

        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsEntry("status", "BOUNCED");
    }

    private List<Long> ids(AudienceQuery audience) {
        return jdbc.sql("SELECT id FROM (" + audience.sql() + ") a ORDER BY id")
                .params(audience.params())
                .query(Long.class)
                .list();
    }

    private long contactOf(String referralCode) {
        return jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :code")
                .param("code", referralCode)
                .query(Long.class)
                .single();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
