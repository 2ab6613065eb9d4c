package io.iabulk.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/analytics/timeseries} against counts computed by hand, every bucket present. */
class TimeseriesTest extends HttpTest {

    @Autowired
    AnalyticsService analytics;

    String type;
    long contest;
    Instant day;

    @BeforeEach
    void ingest() {
        type = "it.signup" + ContestTestData.unique();
        contest = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        long contact = admin.post("/api/v1/contacts", Map.of("email", ContestTestData.email("ts")))
                .json()
                .get("id")
                .asLong();
        day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        List<Map<String, Object>> events = new ArrayList<>();
        for (String at : List.of("PT10H15M10S", "PT10H15M50S", "PT10H59M59S", "PT11H", "PT13H30M", "PT13H31M")) {
            events.add(Map.of(
                    "contactId",
                    contact,
                    "type",
                    type,
                    "occurredAt",
                    day.plus(Duration.parse(at)).toString()));
        }
        // two in another contest, one at midnight today (never in the future, whenever this runs)
        events.add(Map.of(
                "contactId",
                contact,
                "type",
                type,
                "contestId",
                contest,
                "occurredAt",
                day.plus(Duration.parse("PT10H15M30S")).toString()));
        events.add(Map.of(
                "contactId",
                contact,
                "type",
                type,
                "contestId",
                contest,
                "occurredAt",
                day.plus(Duration.ofDays(1)).toString()));
        Api.Response response = admin.post("/api/v1/events", events);
        assertThat(response.json().get("accepted").asInt()).as(response.body()).isEqualTo(8);
        analytics.flush();
    }

    @Test
    void countsPerMinuteHourAndDayWithEmptyBucketsAsZero() {
        assertThat(points("minute", "PT10H14M", "PT10H17M", null))
                .containsExactly(point("PT10H14M", 0), point("PT10H15M", 3), point("PT10H16M", 0));
        assertThat(points("hour", "PT10H", "PT14H", null))
                .containsExactly(point("PT10H", 4), point("PT11H", 1), point("PT12H", 0), point("PT13H", 2));
        assertThat(points("day", "-P1D", "P2D", null))
                .containsExactly(point("-P1D", 0), point("PT0S", 7), point("P1D", 1));
        assertThat(points("hour", "PT10H", "PT12H", contest)).containsExactly(point("PT10H", 1), point("PT11H", 0));
    }

    @Test
    void alignsTheRangeToWholeBuckets() {
        JsonNode answer = admin.get(url("hour", "PT10H30M", "PT11H10M", null)).json();
        assertThat(answer.get("from").asString())
                .isEqualTo(day.plus(Duration.ofHours(10)).toString());
        assertThat(answer.get("to").asString())
                .isEqualTo(day.plus(Duration.ofHours(12)).toString());
        assertThat(answer.get("granularity").asString()).isEqualTo("hour");
        assertThat(answer.get("points")).hasSize(2);
    }

    @Test
    void defaultsToTheLastDayByHour() {
        JsonNode answer = admin.get("/api/v1/analytics/timeseries?type=" + type).json();
        assertThat(answer.get("granularity").asString()).isEqualTo("hour");
        assertThat(answer.get("points")).hasSize(24);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        assertThat(Instant.parse(answer.get("to").asString())).isBetween(end.minusSeconds(3600), end);
    }

    @Test
    void refusesBadParameters() {
        assertThat(admin.get("/api/v1/analytics/timeseries").status()).isEqualTo(400);
        assertThat(admin.get(url("hour", "PT11H", "PT10H", null)).status()).isEqualTo(400);
        assertThat(admin.get(url("week", "PT10H", "PT11H", null)).status()).isEqualTo(400);
        Api.Response tooMany = admin.get(url("minute", "-P6D", "P1D", null));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooMany.body()).contains("at most 10000");
        assertThat(admin.get(url("hour", "PT10H", "PT11H", -1L)).status()).isEqualTo(400);
        assertThat(api.get(url("hour", "PT10H", "PT11H", null)).status()).isEqualTo(401);
    }

    private List<String> points(String granularity, String from, String to, Long contestId) {
        Api.Response response = admin.get(url(granularity, from, to, contestId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("type").asString()).isEqualTo(type);
        List<String> points = new ArrayList<>();
        response.json()
                .get("points")
                .forEach(p -> points.add(
                        p.get("start").asString() + "=" + p.get("count").asLong()));
        return points;
    }

    private String point(String offset, long count) {
        return day.plus(Duration.parse(offset)) + "=" + count;
    }

    private String url(String granularity, String from, String to, Long contestId) {
        return "/api/v1/analytics/timeseries?type=" + type + "&granularity=" + granularity + "&from="
                + day.plus(Duration.parse(from)) + "&to=" + day.plus(Duration.parse(to))
                + (contestId == null ? "" : "&contestId=" + contestId);
    }
}
