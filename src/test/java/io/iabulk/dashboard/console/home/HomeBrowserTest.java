package io.iabulk.dashboard.console.home;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.BrowserTest;
import io.iabulk.support.ConsoleLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The home page's live counters in a real browser, and the home, analytics and models pages' pictures. */
class HomeBrowserTest extends BrowserTest {

    @Test
    void theHomeCountsASignupWithoutReloadingAndThePagesPassAxe() {
        Map<String, Object> body = contest();
        body.put("endsAt", Instant.now().plus(Duration.ofDays(3)).toString());
        long contest = activeContest(admin, body);
        String purchase = "shop.purchase_" + unique().toLowerCase(java.util.Locale.ROOT);
        recordPurchases(purchase);

        signIn(Role.EDITOR, "/");
        browser.desktop();
        browser.waitFor("[data-counter=signups]");
        long before = signupsToday();
        JavascriptExecutor js = browser.driver();
        js.executeScript("window.iabulkSamePage = true");

        Api.Response signedUp = ConsoleLogin.fromOwnAddress(api)
                .post("/api/v1/contests/" + contest + "/signups", signup(email("live")));
        assertThat(signedUp.status()).isIn(200, 201);

        // the counters poll every 5 s; rollups are written every second
        await().atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> signupsToday() > before);
        assertThat(js.executeScript("return window.iabulkSamePage === true")).isEqualTo(true);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#home-ending-title"))
                        .isDisplayed())
                .isTrue();
        assertThat(browser.driver().getPageSource()).contains(body.get("name").toString());

        assertThat(browser.consoleErrors()).isEmpty();

        // drawn again, the week's chart holds the signup
        browser.open("/");
        browser.waitFor(".chart canvas");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("home-desktop");
        browser.mobile();
        browser.open("/");
        browser.waitFor("[data-counter=signups]");
        browser.assertAccessible();
        browser.screenshot("home-mobile");
        assertThat(browser.consoleErrors()).isEmpty();

        browser.desktop();
        browser.open("/analytics?type=" + purchase + "&range=7d&granularity=day");
        browser.waitFor(".chart canvas");
        browser.assertAccessible();
        // a picker updates the chart in place and keeps its state in the address
        js.executeScript("window.iabulkSamePage = true");
        browser.fill("Detail", "Hour");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.path().contains("granularity=hour"));
        browser.waitFor(".chart canvas");
        assertThat(js.executeScript("return window.iabulkSamePage === true")).isEqualTo(true);
        browser.fill("Detail", "Day");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.path().contains("granularity=day"));
        browser.waitFor(".chart canvas");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("analytics-desktop");

        browser.open("/models");
        browser.click("Train now");
        // too little history in the test schema: the run ends FAILED and says why; the panel follows it
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.driver()
                        .findElements(By.cssSelector(
                                "#training-job[data-job-status=FAILED]," + " #training-job[data-job-status=SUCCEEDED]"))
                        .isEmpty());
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("models-desktop");
    }

    /** Read in the page in one step: the live counters redraw their element, so a found element can go stale. */
    private long signupsToday() {
        Object today = ((JavascriptExecutor) browser.driver())
                .executeScript(
                        "return document.querySelector('[data-counter=signups] [data-today]').getAttribute('data-today')");
        return Long.parseLong(String.valueOf(today));
    }

    /** Custom events over the last days, through the ingestion API, for the analytics chart. */
    private void recordPurchases(String type) {
        List<Map<String, Object>> events = new ArrayList<>();
        Instant now = Instant.now();
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String buyer = email("buyer");
            assertThat(admin.post("/api/v1/contacts", Map.of("email", buyer)).status())
                    .isIn(200, 201);
            buyers.add(buyer);
        }
        for (int day = 0; day < 6; day++) {
            for (int i = 0; i <= (day * 7 + 3) % 11; i++) {
                events.add(Map.of(
                        "email",
                        buyers.get(i),
                        "type",
                        type,
                        "occurredAt",
                        now.minus(Duration.ofDays(day))
                                .minus(Duration.ofMinutes(i * 17L))
                                .toString()));
            }
        }
        Api.Response answer = admin.post("/api/v1/events", events);
        assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        assertThat(answer.json().get("errors").size()).as(answer.body()).isZero();
    }
}
