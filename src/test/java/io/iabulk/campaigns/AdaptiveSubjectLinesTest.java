package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import io.iabulk.tracking.TrackingLinks;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The {@code variantSelection} option over HTTP: validation, sending, and the per-variant figures. */
class AdaptiveSubjectLinesTest extends HttpTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingLinks links;

    @Test
    void adaptiveSelectionIsValidatedAtTheEdge() {
        long template = template(admin);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("name", "x");
        base.put("templateId", template);
        base.put("audience", Map.of("all", true));
        base.put("from", "a@b.test");

        Api.Response oneVariant = admin.post(
                "/api/v1/campaigns",
                with(
                        base,
                        Map.of(
                                "variantSelection",
                                "adaptive",
                                "subjectVariants",
                                List.of("A"),
                                "maxRatePerSecond",
                                60)));
        assertThat(oneVariant.status()).isEqualTo(400);
        assertThat(oneVariant.header("Content-Type")).startsWith("application/problem+json");
        assertThat(oneVariant.body()).contains("subjectVariants").contains("at least 2");

        Api.Response unlimited = admin.post(
                "/api/v1/campaigns",
                with(base, Map.of("variantSelection", "adaptive", "subjectVariants", List.of("A", "B"))));
        assertThat(unlimited.status()).isEqualTo(400);
        assertThat(unlimited.body()).contains("maxRatePerSecond").contains("rate-limited");

        Api.Response unknown = admin.post("/api/v1/campaigns", with(base, Map.of("variantSelection", "bandit")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("variantSelection");

        Api.Response badGoal = admin.post("/api/v1/campaigns", with(base, Map.of("goal", "views")));
        assertThat(badGoal.status()).isEqualTo(400);
        assertThat(badGoal.body()).contains("goal");

        Api.Response fine = admin.post(
                "/api/v1/campaigns",
                with(
                        base,
                        Map.of(
                                "variantSelection",
                                "adaptive",
                                "goal",
                                "click",
                                "subjectVariants",
                                List.of("A", "B"),
                                "maxRatePerSecond",
                                60)));
        assertThat(fine.status()).as(fine.body()).isEqualTo(201);
        assertThat(fine.json().get("variantSelection").asString()).isEqualTo("adaptive");
        assertThat(fine.json().get("goal").asString()).isEqualTo("click");
        assertThat(fine.json().get("variants")).hasSize(2);

        Api.Response plain = admin.post("/api/v1/campaigns", base);
        assertThat(plain.json().get("variantSelection").asString()).isEqualTo("split");
        assertThat(plain.json().get("goal").asString()).isEqualTo("open");
        assertThat(plain.json().get("variants"))
                .as("one subject: the template's")
                .isEmpty();
    }

    @Test
    void anAdaptiveCampaignChoosesSubjectsWhenSendingAndCountsOnlyHumanOpens() throws Exception {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 6);
        long id = campaign(
                admin,
                template(admin),
                segment(admin, tag),
                Map.of(
                        "subjectVariants",
                        List.of("First {{firstName}}", "Second {{firstName}}"),
                        "variantSelection",
                        "adaptive",
                        "maxRatePerSecond",
                        100));

        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(200);
        JsonNode finished = awaitFinished(id);
        assertThat(finished.get("progress").get("sent").asLong()).isEqualTo(6);

        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT s.id, s.variant, c.email FROM email_sends s JOIN contacts c ON c.id = s.contact_id
                        WHERE s.campaign_id = :c ORDER BY s.id
                        """).param("c", id).query().listOfRows();
        assertThat(rows).hasSize(6).allMatch(row -> row.get("variant") != null);
        for (Map<String, Object> row : rows) {
            MimeMessage mail = TestMail.awaitFor((String) row.get("email"), 1, Duration.ofSeconds(10))
                    .getFirst();
            assertThat(mail.getSubject())
                    .as("the subject of the variant the claim chose")
                    .startsWith(((Integer) row.get("variant")) == 0 ? "First " : "Second ");
        }
        JsonNode variants = finished.get("variants");
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0).get("subject").asString()).isEqualTo("First {{firstName}}");
        assertThat(variants.get(0).get("sent").asLong()
                        + variants.get(1).get("sent").asLong())
                .isEqualTo(6);
        assertThat(variants.get(0).get("sent").asLong())
                .as("the warm-up (10 %% of 6, rounded up: one message) starts with the first subject")
                .isGreaterThanOrEqualTo(1L);

        long human = ((Number) rows.get(0).get("id")).longValue();
        long machine = ((Number) rows.get(1).get("id")).longValue();
        assertThat(api.with("User-Agent", BROWSER).get(openPath(human)).status())
                .isEqualTo(200);
        assertThat(api.with("User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)")
                        .get(openPath(machine))
                        .status())
                .isEqualTo(200);
        int humanVariant = (Integer) rows.get(0).get("variant");
        int machineVariant = (Integer) rows.get(1).get("variant");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode now = admin.get("/api/v1/campaigns/" + id).json().get("variants");
            long[] opens = {
                now.get(0).get("humanOpens").asLong(),
                now.get(1).get("humanOpens").asLong()
            };
            long[] expected = new long[2];
            expected[humanVariant]++;
            assertThat(opens)
                    .as("the bot's open (variant %d) is not counted", machineVariant)
                    .containsExactly(expected);
        });
        JsonNode now = admin.get("/api/v1/campaigns/" + id).json().get("variants");
        assertThat(now.get(humanVariant).get("openRate").asDouble())
                .isCloseTo(1.0 / now.get(humanVariant).get("sent").asLong(), within(1e-9));
        assertThat(now.get(0).get("probabilityBest").asDouble()
                        + now.get(1).get("probabilityBest").asDouble())
                .isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aSplitCampaignKeepsItsSplitAndShowsItsFigures() {
        String tag = ContestTestData.unique();
        taggedContacts(jdbc, tag, 4);
        long id = campaign(admin, template(admin), segment(admin, tag), Map.of("subjectVariants", List.of("A", "B")));
        assertThat(admin.post("/api/v1/campaigns/" + id + "/start").status()).isEqualTo(200);
        JsonNode finished = awaitFinished(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND variant = MOD(contact_id, 2)")
                        .param("c", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        JsonNode variants = finished.get("variants");
        assertThat(finished.get("variantSelection").asString()).isEqualTo("split");
        assertThat(variants.get(0).get("index").asInt()).isZero();
        assertThat(variants.get(1).get("subject").asString()).isEqualTo("B");
        assertThat(variants.get(0).get("sent").asLong()
                        + variants.get(1).get("sent").asLong())
                .isEqualTo(4);
        assertThat(variants.get(0).get("probabilityBest").asDouble())
                .as("no opens yet: either may be best")
                .isCloseTo(0.5, within(0.2));
    }

    private JsonNode awaitFinished(long id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/campaigns/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("FINISHED"));
        return admin.get("/api/v1/campaigns/" + id).json();
    }

    private String openPath(long send) {
        String link = links.openUrl(send);
        return "/t/o/" + link.substring(link.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        body.putAll(extra);
        return body;
    }
}
