package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.TrackedCampaigns.Sent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/conversions}: attribution by token or by contact and campaign, retries, refusals. */
class ConversionApiTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    TrackingLinks links;

    @Test
    void conversionsByTokenAndByContactCountUniqueSendsAndSumValuesPerCurrency() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 2, Map.of());
        long campaign = sent.campaignId();
        long alice = CampaignTestData.sendOf(jdbc, campaign, sent.emails().get(0));
        long bob = CampaignTestData.sendOf(jdbc, campaign, sent.emails().get(1));
        String eventId = "order-" + ContestTestData.unique();

        Api.Response first = admin.post(
                "/api/v1/conversions",
                body(
                        "token",
                        links.conversionToken(alice),
                        "value",
                        new BigDecimal("12.50"),
                        "currency",
                        "EUR",
                        "eventId",
                        eventId));
        Api.Response retry = admin.post(
                "/api/v1/conversions",
                body(
                        "token",
                        links.conversionToken(alice),
                        "value",
                        new BigDecimal("12.50"),
                        "currency",
                        "EUR",
                        "eventId",
                        eventId));
        Api.Response second = admin.post(
                "/api/v1/conversions", body("token", links.conversionToken(alice), "value", 7.25, "currency", "EUR"));
        Api.Response byContact =
                admin.post("/api/v1/conversions", body("contactId", contactOf(bob), "campaignId", campaign));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("sendId").asLong()).isEqualTo(alice);
        assertThat(first.json().get("campaignId").asLong()).isEqualTo(campaign);
        assertThat(first.json().get("firstConversion").asBoolean()).isTrue();
        assertThat(retry.status()).as("the same event id again: a retry").isEqualTo(200);
        assertThat(retry.json().get("firstConversion").asBoolean()).isFalse();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("firstConversion").asBoolean()).isFalse();
        assertThat(byContact.status()).as(byContact.body()).isEqualTo(201);
        assertThat(byContact.json().get("sendId").asLong()).isEqualTo(bob);
        assertThat(byContact.json().get("firstConversion").asBoolean()).isTrue();

        analytics.flush();
        List<RollupTotal> totals =
                analytics.totals(Set.of(EventTypes.EMAIL_CONVERTED, EventTypes.CONVERSION), null, campaign);
        assertThat(totals)
                .extracting(RollupTotal::type, RollupTotal::dimension, RollupTotal::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(EventTypes.EMAIL_CONVERTED, "", 2L),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CONVERSION, "EUR", 2L),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CONVERSION, "", 1L));
        assertThat(totals.stream()
                        .filter(t -> t.dimension().equals("EUR"))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isEqualByComparingTo("19.75");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM analytics_events WHERE campaign_id = :campaign AND type = 'conversion'
                        """).param("campaign", campaign).query(Long.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("""
                        SELECT properties FROM analytics_events WHERE event_id = :id
                        """).param("id", eventId).query(String.class).single())
                .contains("\"currency\": \"EUR\"")
                .contains("12.5");
        JsonNode summary =
                admin.get("/api/v1/campaigns/" + campaign + "/summary").json();
        assertThat(summary.get("conversions").asLong()).isEqualTo(2);
        assertThat(summary.get("conversionValue").get("EUR").decimalValue()).isEqualByComparingTo("19.75");
        assertThat(summary.get("conversionValue").size()).isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM email_sends WHERE campaign_id = :campaign AND converted_at IS NOT NULL")
                        .param("campaign", campaign)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void concurrentConversionsOfOneSendHaveExactlyOneFirstAndAllCount() throws Exception {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        long send =
                CampaignTestData.sendOf(jdbc, sent.campaignId(), sent.emails().getFirst());
        int conversions = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(conversions)) {
            for (int i = 0; i < conversions; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return admin.post(
                            "/api/v1/conversions",
                            body("token", links.conversionToken(send), "value", BigDecimal.ONE, "currency", "USD"));
                }));
            }
            go.countDown();
            int firsts = 0;
            for (Future<Api.Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().body()).isEqualTo(201);
                firsts += answer.get().json().get("firstConversion").asBoolean() ? 1 : 0;
            }
            assertThat(firsts).isEqualTo(1);
        }

        analytics.flush();
        assertThat(analytics.totals(Set.of(EventTypes.EMAIL_CONVERTED, EventTypes.CONVERSION), null, sent.campaignId()))
                .extracting(RollupTotal::type, RollupTotal::dimension, RollupTotal::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(EventTypes.EMAIL_CONVERTED, "", 1L),
                        org.assertj.core.groups.Tuple.tuple(EventTypes.CONVERSION, "USD", (long) conversions));
    }

    @Test
    void forgedTokensAndUnknownSendsAreTheSame404() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        long send =
                CampaignTestData.sendOf(jdbc, sent.campaignId(), sent.emails().getFirst());
        String token = links.conversionToken(send);
        String forged = token.substring(0, 3) + (token.charAt(3) == 'A' ? 'B' : 'A') + token.substring(4);
        String unsubscribeToken =
                links.unsubscribeUrl(send).substring(links.unsubscribeUrl(send).lastIndexOf('/') + 1);

        List<Api.Response> answers = List.of(
                admin.post("/api/v1/conversions", body("token", forged)),
                admin.post("/api/v1/conversions", body("token", unsubscribeToken)),
                admin.post("/api/v1/conversions", body("token", links.conversionToken(987_654_321L))),
                admin.post("/api/v1/conversions", body("contactId", 987_654_321L, "campaignId", sent.campaignId())),
                admin.post("/api/v1/conversions", body("contactId", contactOf(send), "campaignId", 987_654_321L)));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asString())
                    .isEqualTo(answers.getFirst().json().get("detail").asString());
        });
        assertThat(conversionEvents(sent.campaignId())).isZero();
        assertThat(api.post("/api/v1/conversions", body("token", token)).status())
                .as("the admin key is required")
                .isEqualTo(401);
    }

    @Test
    void invalidRequestsAre400WithTheFieldAndRecordNothing() {
        Sent sent = TrackedCampaigns.start(admin, jdbc, 1, Map.of());
        long send =
                CampaignTestData.sendOf(jdbc, sent.campaignId(), sent.emails().getFirst());
        String token = links.conversionToken(send);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("token", body("token", token, "contactId", contactOf(send), "campaignId", sent.campaignId()));
        cases.put("token ", body("value", 1, "currency", "EUR"));
        cases.put("campaignId", body("contactId", contactOf(send)));
        cases.put("contactId", body("campaignId", sent.campaignId()));
        cases.put("value", body("token", token, "value", -1, "currency", "EUR"));
        cases.put("value ", body("token", token, "value", new BigDecimal("1.23456"), "currency", "EUR"));
        cases.put("value  ", body("token", token, "value", new BigDecimal("1e15"), "currency", "EUR"));
        cases.put("currency", body("token", token, "value", 5));
        cases.put("currency ", body("token", token, "value", 5, "currency", "eur"));
        cases.put("currency  ", body("token", token, "value", 5, "currency", "ABC"));
        cases.put("currency   ", body("token", token, "currency", "EUR"));
        cases.put("eventId", body("token", token, "eventId", "x".repeat(65)));
        cases.put("eventId ", body("token", token, "eventId", "order-\u0000"));

        cases.forEach((field, request) -> {
            Api.Response answer = admin.post("/api/v1/conversions", request);
            assertThat(answer.status()).as(field + " " + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").findValuesAsString("field"))
                    .as(answer.body())
                    .contains(field.strip());
        });
        Api.Response malformed =
                admin.post("/api/v1/conversions", "{\"token\": \"" + token + "\", \"value\": \"lots\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(conversionEvents(sent.campaignId())).isZero();

        Api.Response valid = admin.post(
                "/api/v1/conversions", body("token", token, "value", new BigDecimal("1.23450"), "currency", "JPY"));
        assertThat(valid.status())
                .as("trailing zeros beyond 4 decimals are fine")
                .isEqualTo(201);
    }

    private long conversionEvents(long campaign) {
        return jdbc.sql("SELECT count(*) FROM analytics_events WHERE campaign_id = :campaign AND type = 'conversion'")
                .param("campaign", campaign)
                .query(Long.class)
                .single();
    }

    private long contactOf(long sendId) {
        return jdbc.sql("SELECT contact_id FROM email_sends WHERE id = :id")
                .param("id", sendId)
                .query(Long.class)
                .single();
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }
}
