package io.iabulk.campaigns;

import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A filter is validated in full when the segment is created: a value the database cannot take (a
 * NUL) is a 400 naming its path and nothing is stored, rather than a segment that fails on every
 * count and a campaign on it that can never start.
 */
class SegmentFilterValidationTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNulAnywhereInTheFilterIsA400NamingItsPathAndNothingIsStored() {
        long before = rows(jdbc, "segments");

        assertInvalid(create(Map.of("field", "firstName", "op", "eq", "value", "a\u0000b")), "filter.value");
        assertInvalid(
                create(Map.of(
                        "all",
                        List.of(
                                Map.of("field", "status", "op", "eq", "value", "ACTIVE"),
                                Map.of("field", "lastName", "op", "in", "value", List.of("x", "\u0000"))))),
                "filter.all[1].value[1]");
        assertInvalid(create(Map.of("field", "email", "op", "contains", "value", "\u0000")), "filter.value");
        assertInvalid(create(Map.of("field", "attributes.c\u0000ty", "op", "eq", "value", "Lyon")), "filter.field");
        assertInvalid(create(Map.of("field", "status", "op", "eq", "value", "ACTIVE", "\u0000", 1)), "filter");
        assertInvalid(
                create(Map.of("field", "predictions.tier", "op", "in", "value", List.of("HIGH", "h\u0000"))),
                "filter.value[1]");

        assertThat(rows(jdbc, "segments")).isEqualTo(before);
    }

    @Test
    void numbersThatDoNotFitTheirColumnAreA400AndNothingIsStored() {
        long before = rows(jdbc, "segments");

        for (String number : List.of("9223372036854775808", "18446744073709551616", "-9223372036854775809", "1e400")) {
            assertInvalid(
                    create("{\"field\": \"contest.referrals\", \"op\": \"gte\", \"value\": " + number
                            + ", \"contestId\": 1}"),
                    "filter.value");
            assertInvalid(
                    create("{\"field\": \"contest\", \"op\": \"participant\", \"contestId\": " + number + "}"),
                    "filter.contestId");
            assertInvalid(
                    create("{\"field\": \"lastOpenedAt\", \"op\": \"within\", \"value\": " + number + "}"),
                    "filter.value");
        }
        assertInvalid(
                create("{\"field\": \"contest.points\", \"op\": \"lt\", \"value\": 2147483648, \"contestId\": 1}"),
                "filter.value");
        // fields another module answers are checked here too (issue 13)
        for (String number : List.of("9223372036854775808", "1e400", "-1e400", "101", "-1", "\"50\"", "null")) {
            assertInvalid(
                    create("{\"field\": \"predictions.engagementScore\", \"op\": \"gte\", \"value\": " + number + "}"),
                    "filter.value");
            assertInvalid(
                    create("{\"field\": \"predictions.openProbability\", \"op\": \"gte\", \"value\": " + number + "}"),
                    "filter.value");
        }

        assertThat(rows(jdbc, "segments")).isEqualTo(before);
    }

    @Test
    void aStoredFilterThatNoLongerValidatesIsA400WhenCountedNotA500() {
        // as a segment stored before its filter was validated in full
        long id = jdbc.sql("INSERT INTO segments (name, filter, created_at)"
                        + " VALUES ('old', :filter, CURRENT_TIMESTAMP) RETURNING id")
                .param("filter", "{\"field\": \"firstName\", \"op\": \"eq\", \"value\": \"a\\u0000b\"}")
                .query(Long.class)
                .single();

        assertInvalid(admin.get("/api/v1/segments/" + id + "/count"), "filter.value");
        long before = rows(jdbc, "campaigns");
        assertInvalid(
                admin.post("/api/v1/campaigns", campaign(CampaignTestData.template(admin), id)), "audience.segmentId");
        assertThat(rows(jdbc, "campaigns")).isEqualTo(before);
    }

    @Test
    void aDraftWhoseSegmentNoLongerValidatesDoesNotStart() {
        long segment = CampaignTestData.segment(admin, "stale");
        long campaign = admin.post("/api/v1/campaigns", campaign(CampaignTestData.template(admin), segment))
                .json()
                .get("id")
                .asLong();
        jdbc.sql("UPDATE segments SET filter = :filter WHERE id = :id")
                .param(
                        "filter",
                        "{\"field\": \"createdAt\", \"op\": \"after\", \"value\": \"+300000-01-01T00:00:00Z\"}")
                .param("id", segment)
                .update();

        assertInvalid(admin.post("/api/v1/campaigns/" + campaign + "/start"), "audience.segmentId");
        assertThat(admin.get("/api/v1/campaigns/" + campaign)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DRAFT");
    }

    private static Map<String, Object> campaign(long template, long segment) {
        return Map.of(
                "name",
                "On an old segment",
                "templateId",
                template,
                "audience",
                Map.of("segmentId", segment),
                "from",
                "news@iabulk.test");
    }

    private Api.Response create(Map<String, Object> filter) {
        return admin.post("/api/v1/segments", Map.of("name", "Hostile", "filter", filter));
    }

    private Api.Response create(String filter) {
        return admin.post("/api/v1/segments", "{\"name\": \"Hostile\", \"filter\": " + filter + "}");
    }
}
