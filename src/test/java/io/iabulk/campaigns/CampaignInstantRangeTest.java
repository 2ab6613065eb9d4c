package io.iabulk.campaigns;

import static io.iabulk.support.Problems.OUT_OF_RANGE_INSTANTS;
import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.param;
import static io.iabulk.support.Problems.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Times outside the accepted range in a campaign's {@code sendAt}, a segment's date conditions and
 * the performance report's range are a 400 naming the field; nothing is stored, so no campaign can
 * be left with a segment that fails on every count.
 */
class CampaignInstantRangeTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCampaignSentAtAnImpossibleTimeIsRefusedAndNotStored() {
        long template = CampaignTestData.template(admin);
        long before = rows(jdbc, "campaigns");

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(
                    admin.post(
                            "/api/v1/campaigns",
                            Map.of(
                                    "name",
                                    "Far " + at,
                                    "templateId",
                                    template,
                                    "audience",
                                    Map.of("all", true),
                                    "from",
                                    "news@iabulk.test",
                                    "sendAt",
                                    at)),
                    "sendAt");
        }

        assertThat(rows(jdbc, "campaigns")).isEqualTo(before);
    }

    @Test
    void aSegmentWithADateConditionOutsideTheRangeIsRefusedAndNotStored() {
        long before = rows(jdbc, "segments");

        for (String at : OUT_OF_RANGE_INSTANTS) {
            for (String field : List.of("createdAt", "lastSentAt", "lastOpenedAt", "lastClickedAt")) {
                assertInvalid(
                        admin.post(
                                "/api/v1/segments",
                                Map.of(
                                        "name",
                                        "Far",
                                        "filter",
                                        Map.of(
                                                "any",
                                                List.of(
                                                        Map.of("field", "status", "op", "eq", "value", "ACTIVE"),
                                                        Map.of("field", field, "op", "before", "value", at))))),
                        "filter.any[1].value");
            }
        }
        assertInvalid(
                admin.post(
                        "/api/v1/segments",
                        Map.of(
                                "name",
                                "Far",
                                "filter",
                                Map.of("field", "createdAt", "op", "after", "value", "0001-01-01"))),
                "filter.value");

        assertThat(rows(jdbc, "segments")).isEqualTo(before);
    }

    @Test
    void aPerformanceRangeOutsideTheAcceptedRangeIsA400() {
        long campaign = CampaignTestData.campaign(
                admin, CampaignTestData.template(admin), CampaignTestData.segment(admin, "far"), Map.of());
        String path = "/api/v1/campaigns/" + campaign + "/performance";

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(admin.get(path + "?from=" + param(at)), "from");
            assertInvalid(admin.get(path + "?to=" + param(at)), "to");
        }
    }
}
