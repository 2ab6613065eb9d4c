package io.iabulk.dashboard.console.home;

import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's home, analytics and models pages over HTTP, for each role. */
class HomePagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    AnalyticsService analytics;

    @Test
    void aViewerSeesEveryPageWithoutTheButtonsOfAnEditor() {
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);

        Api.Response home = viewer.get("/?welcome");
        assertThat(home.status()).as(home.body()).isEqualTo(200);
        Document page = Jsoup.parse(home.body());
        assertThat(page.select(".home-welcome").text()).contains("Welcome to IA Bulk");
        assertThat(page.select("[data-counter]")).hasSize(5);
        assertThat(page.select("#home-counters").attr("hx-get")).isEqualTo("/home/counters");
        assertThat(page.select(".chart-sm, .chart-empty")).isNotEmpty();
        assertThat(page.select("table.visually-hidden")).hasSize(3);
        assertThat(page.select("a[href=/campaigns/new]")).isEmpty();
        assertThat(viewer.get("/").body()).doesNotContain("Welcome to IA Bulk");

        Api.Response analyticsPage = viewer.get("/analytics");
        assertThat(analyticsPage.status()).as(analyticsPage.body()).isEqualTo(200);
        Document chart = Jsoup.parse(analyticsPage.body());
        assertThat(chart.select("#analytics-type option[selected]").val()).isEqualTo("contest.signup");
        assertThat(chart.select("#analytics-filters").attr("hx-push-url")).isEqualTo("true");
        assertThat(chart.select("label[for=analytics-granularity]")).isNotEmpty();

        Api.Response models = viewer.get("/models");
        assertThat(models.status()).as(models.body()).isEqualTo(200);
        assertThat(Jsoup.parse(models.body()).select("button:contains(Train now)"))
                .isEmpty();
    }

    @Test
    void aViewerCannotTrainOrActivate() {
        ConsoleLogin login = ConsoleLogin.as(Role.VIEWER, api, accounts);

        assertThat(login.changing(api).postForm("/models/train", Map.of()).status())
                .isEqualTo(403);
        assertThat(login.changing(api).postForm("/models/1/activate", Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void theCountersFragmentCountsANewSignup() {
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);
        long contest = ContestTestData.activeContest(admin, contest());
        analytics.flush();
        long before = signupsToday(viewer);

        Api.Response signedUp = api.post("/api/v1/contests/" + contest + "/signups", signup(email("home")));
        assertThat(signedUp.status()).isIn(200, 201);
        analytics.flush();

        Api.Response fragment = viewer.get("/home/counters");
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).doesNotContain("<html");
        Document counters = Jsoup.parse(fragment.body());
        assertThat(Long.parseLong(
                        counters.select("[data-counter=signups] [data-today]").attr("data-today")))
                .isGreaterThanOrEqualTo(before + 1);
        assertThat(Long.parseLong(counters.select("[data-counter=signups] [data-last-hour]")
                        .attr("data-last-hour")))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void theHomeListsAContestEndingSoon() {
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);
        Map<String, Object> body = contest();
        body.put("endsAt", Instant.now().plus(Duration.ofDays(2)).toString());
        ContestTestData.activeContest(admin, body);

        Document page = Jsoup.parse(viewer.get("/").body());
        assertThat(page.select("#home-ending-title").first().parent().parent().text())
                .contains(body.get("name").toString());
    }

    @Test
    void theAnalyticsPickersAnswerTheChartAloneToHtmxAndFallBackToAGranularityTheRangeAllows() {
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);

        Api.Response opens =
                viewer.with("HX-Request", "true").get("/analytics?type=email.open&range=30d&granularity=minute");
        assertThat(opens.status()).isEqualTo(200);
        assertThat(opens.body()).doesNotContain("<html").contains("id=\"analytics-view\"");
        Document view = Jsoup.parse(opens.body());
        assertThat(view.select("#analytics-granularity option[selected]").val()).isEqualTo("day");
        assertThat(view.select("#analytics-granularity option[value=minute]").hasAttr("disabled"))
                .isTrue();
        assertThat(view.select("[role=status]").text()).contains("Minutes are shown");
        // human and machine opens as two series
        assertThat(view.select("table.visually-hidden thead th").eachText()).contains("Human opens", "Machine opens");
        assertThat(view.select("table.visually-hidden tbody tr")).hasSize(30);

        Api.Response custom = viewer.get(
                "/analytics?type=contest.signup&range=custom&from=2026-01-01&to=2026-01-03&granularity=hour");
        assertThat(custom.status()).isEqualTo(200);
        assertThat(Jsoup.parse(custom.body()).select("table.visually-hidden tbody tr"))
                .hasSize(72);
    }

    private static long signupsToday(Api viewer) {
        Document counters = Jsoup.parse(viewer.get("/home/counters").body());
        return Long.parseLong(
                counters.select("[data-counter=signups] [data-today]").attr("data-today"));
    }
}
