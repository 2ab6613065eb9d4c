package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/campaigns/{id}/performance} against counts made through {@link
 * AnalyticsService}: hand-computed buckets at each granularity, zeros for empty buckets, the
 * defaults, the bucket cap and the validation of its parameters.
 */
class CampaignPerformanceReportTest extends HttpTest {

    private static final List<String> FIELDS =
            List.of("sent", "delivered", "opened", "clicked", "converted", "unsubscribed", "bounced", "complained");

    @Autowired
    AnalyticsService analytics;

    @Test
    void bucketsHoldTheFirstOpensClicksAndOutcomesOfEachPeriodWithZerosBetween() {
        long id = draftCampaign();
        long other = draftCampaign();
        Instant t = Instant.parse("2026-11-20T10:05:10Z");
        count(EventTypes.EMAIL_SENT, id, t, 10);
        count(EventTypes.EMAIL_DELIVERED, id, t, 9);
        count(EventTypes.EMAIL_BOUNCED, id, t, 1);
        count(EventTypes.EMAIL_OPENED, id, t.plusSeconds(30), 4); // 10:05:40
        count(EventTypes.EMAIL_OPENED, id, Instant.parse("2026-11-20T10:40:00Z"), 2);
        count(EventTypes.EMAIL_CLICKED, id, Instant.parse("2026-11-20T10:06:00Z"), 3);
        count(EventTypes.EMAIL_CONVERTED, id, Instant.parse("2026-11-20T12:10:00Z"), 1);
        count(EventTypes.EMAIL_UNSUBSCRIBED, id, Instant.parse("2026-11-20T12:59:59Z"), 1);
        count(EventTypes.EMAIL_COMPLAINED, id, Instant.parse("2026-11-20T12:30:00Z"), 2);
        // not part of the report: every open hit, machine opens, another campaign, a later hour
        count(EventTypes.EMAIL_OPEN, id, t, 50);
        count(EventTypes.EMAIL_OPEN_MACHINE, id, t, 7);
        count(EventTypes.EMAIL_OPENED, other, t, 100);
        count(EventTypes.EMAIL_OPENED, id, Instant.parse("2026-11-20T13:00:00Z"), 5);
        analytics.flush();

        JsonNode hours = performance(id, "from=2026-11-20T10:00:00Z&to=2026-11-20T13:00:00Z&granularity=hour");
        assertThat(hours.get("granularity").asString()).isEqualTo("hour");
        assertThat(hours.get("from").asString()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(buckets(hours))
                .containsExactly(
                        row("2026-11-20T10:00:00Z", 10, 9, 6, 3, 0, 0, 1, 0),
                        row("2026-11-20T11:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0),
                        row("2026-11-20T12:00:00Z", 0, 0, 0, 0, 1, 1, 0, 2));

        JsonNode minutes = performance(id, "from=2026-11-20T10:04:30Z&to=2026-11-20T10:07:00Z&granularity=minute");
        assertThat(buckets(minutes))
                .as("from is aligned down to its minute; the bucket starting at to is left out")
                .containsExactly(
                        row("2026-11-20T10:04:00Z", 0, 0, 0, 0, 0, 0, 0, 0),
                        row("2026-11-20T10:05:00Z", 10, 9, 4, 0, 0, 0, 1, 0),
                        row("2026-11-20T10:06:00Z", 0, 0, 0, 3, 0, 0, 0, 0));

        JsonNode days = performance(id, "from=2026-11-20&to=2026-11-22&granularity=DAY");
        assertThat(buckets(days))
                .containsExactly(
                        row("2026-11-20T00:00:00Z", 10, 9, 11, 3, 1, 1, 1, 2),
                        row("2026-11-21T00:00:00Z", 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void defaultsToHourlyBucketsFromTheCampaignsCreationUntilNow() {
        long id = draftCampaign();
        Instant created = Instant.parse(
                admin.get("/api/v1/campaigns/" + id).json().get("createdAt").asString());
        count(EventTypes.EMAIL_OPENED, id, Instant.now(), 3);
        analytics.flush();

        JsonNode report = performance(id, "");
        Instant after = Instant.now();
        assertThat(report.get("granularity").asString()).isEqualTo("hour");
        List<JsonNode> buckets = new ArrayList<>();
        report.get("buckets").forEach(buckets::add);
        assertThat(buckets.getFirst().get("start").asString())
                .isEqualTo(created.truncatedTo(ChronoUnit.HOURS).toString());
        Instant last = Instant.parse(buckets.getLast().get("start").asString());
        assertThat(last).isBeforeOrEqualTo(after).isAfter(after.minus(1, ChronoUnit.HOURS));
        assertThat(buckets.stream().mapToLong(b -> b.get("opened").asLong()).sum())
                .isEqualTo(3);
    }

    @Test
    void aDefaultedStartMovesUpToTheLatestAllowedBucketsButAnExplicitRangeThatLongIsRefused() {
        long id = draftCampaign();
        Instant farAhead = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);

        JsonNode capped = performance(id, "granularity=minute&to=" + farAhead);
        assertThat(capped.get("buckets").size()).isEqualTo(1440);
        assertThat(capped.get("buckets").get(1439).get("start").asString())
                .isEqualTo(farAhead.minus(1, ChronoUnit.MINUTES).toString());

        Api.Response tooMany = admin.get("/api/v1/campaigns/" + id
                + "/performance?granularity=minute&from=2026-11-20T00:00:00Z&to=2026-11-22T00:00:00Z");
        assertProblem(tooMany, 400, "granularity");
        assertThat(tooMany.body()).contains("2880 minute buckets").contains("at most 1440");
        assertThat(admin.get("/api/v1/campaigns/" + id
                                + "/performance?granularity=minute&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
                        .status())
                .as("exactly the cap")
                .isEqualTo(200);
    }

    @Test
    void badParametersAndUnknownCampaignsAreProblems() {
        long id = draftCampaign();
        String base = "/api/v1/campaigns/" + id + "/performance?";
        assertProblem(admin.get(base + "granularity=week"), 400, "granularity");
        assertProblem(admin.get(base + "from=yesterday"), 400, "from");
        assertProblem(admin.get(base + "to=2026-13-01T00:00:00Z"), 400, "to");
        assertProblem(admin.get(base + "from=2026-11-20T10:00:00Z&to=2026-11-20T10:00:00Z"), 400, "from");
        assertProblem(admin.get(base + "from=2026-11-20T11:00:00Z&to=2026-11-20T10:00:00Z"), 400, "from");
        assertProblem(admin.get(base + "from=2999-01-01T00:00:00Z"), 400, "from");
        assertProblem(admin.get(base + "to=2020-01-01T00:00:00Z"), 400, "to");
        Api.Response unknown = admin.get("/api/v1/campaigns/987654321/performance");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get(base).status()).as("admin only").isEqualTo(401);
    }

    private long draftCampaign() {
        return campaign(admin, template(admin), segment(admin, ContestTestData.unique()), Map.of());
    }

    private void count(String type, long campaign, Instant at, long n) {
        analytics.count(type, 0, campaign, at, n);
    }

    private JsonNode performance(long id, String query) {
        Api.Response response = admin.get("/api/v1/campaigns/" + id + "/performance?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> buckets(JsonNode report) {
        List<String> rows = new ArrayList<>();
        for (JsonNode bucket : report.get("buckets")) {
            StringBuilder row = new StringBuilder(bucket.get("start").asString());
            for (String field : FIELDS) {
                row.append(' ')
                        .append(field)
                        .append('=')
                        .append(bucket.get(field).asLong());
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static String row(String start, long... counts) {
        StringBuilder row = new StringBuilder(start);
        for (int i = 0; i < FIELDS.size(); i++) {
            row.append(' ').append(FIELDS.get(i)).append('=').append(counts[i]);
        }
        return row.toString();
    }

    static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString())
                .as(response.body())
                .isEqualTo(field);
    }
}
