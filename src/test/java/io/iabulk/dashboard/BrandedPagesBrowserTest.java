package io.iabulk.dashboard;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.iabulk.support.Api;
import io.iabulk.support.Browser;
import io.iabulk.support.BrowserTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * The branded participant pages and the embeddable widget in a real Chromium: the inviter's
 * greeting, the top 10 updating without a reload, the share controls, axe-core and no console error
 * (the pages' policy allows only their own script), pictured at desktop and phone width; the script
 * widget signing a friend up from another site that the contest allows, and refusing one it does not.
 */
class BrandedPagesBrowserTest extends BrowserTest {

    @Test
    void theBrandedPagesOnADesktop() {
        brandedPages(Browser::desktop, "desktop");
    }

    @Test
    void theBrandedPagesOnAPhone() {
        brandedPages(Browser::mobile, "mobile");
    }

    @Test
    void theWidgetSignsAFriendUpFromAnAllowedSiteAndNotFromAnother() throws IOException {
        HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String appBase = "http://localhost:" + port;
        host.createContext("/", exchange -> {
            String slug = exchange.getRequestURI().getPath().substring(1);
            byte[] page =
                    ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Our shop</title></head>"
                                    + "<body><main><h1>Our shop</h1><div data-iabulk-contest=\"" + slug + "\"></div>"
                                    + "<script src=\"" + appBase
                                    + "/console/embed.js\" async></script></main></body></html>")
                            .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        host.start();
        try {
            String shop = "http://127.0.0.1:" + host.getAddress().getPort();
            Map<String, Object> body = contestWithoutConfirmation();
            body.put("name", "Widget contest " + unique());
            body.put("allowedOrigins", List.of(shop));
            long id = activeContest(admin, body);
            String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();
            String alice = signUp(id, email("alice"), "Alice");

            browser.driver().get(shop + "/" + slug + "?ref=" + alice);
            SearchContext widget = widget();
            widget.findElement(By.id("iabulk-email")).sendKeys(email("friend"));
            widget.findElement(By.id("iabulk-first-name")).sendKeys("Fay");
            widget.findElement(By.cssSelector("button[type=submit]")).click();

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(shadowText())
                            .as("%s", browser.consoleErrors())
                            .contains("You're in!"));
            assertThat(admin.get("/api/v1/participants/" + alice)
                            .json()
                            .get("referrals")
                            .asInt())
                    .as("the host page's ?ref= was passed on")
                    .isEqualTo(1);
            assertThat(browser.consoleErrors()).isEmpty();

            // the same page from a site the contest does not list: the browser keeps the answer from it
            long other = activeContest(admin, contestWithoutConfirmation());
            String otherSlug =
                    admin.get("/api/v1/contests/" + other).json().get("slug").asString();
            browser.driver().get(shop + "/" + otherSlug);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(shadowText()).contains("could not be loaded"));
            assertThat(String.join("\n", browser.consoleErrors())).contains("CORS");
        } finally {
            host.stop(0);
        }
    }

    private String shadowText() {
        return String.valueOf(browser.driver()
                .executeScript("const h = document.querySelector('[data-iabulk-contest]');"
                        + " return h && h.shadowRoot ? h.shadowRoot.textContent : '';"));
    }

    private SearchContext widget() {
        WebElement host = browser.waitFor("[data-iabulk-contest][data-iabulk-ready]");
        return host.getShadowRoot();
    }

    private void brandedPages(UnaryOperator<Browser> size, String width) {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("name", "Coffee for a year");
        body.put("slug", "coffee-" + unique());
        body.put(
                "description",
                "Invite your friends: **every friend who joins** brings you closer to the prize.\n\n"
                        + "- 1 friend: a sticker pack\n- 3 friends: a mug");
        body.put("prize", "A year of coffee");
        body.put("accentColor", "#7a3e00");
        body.put("terms", "One entry per person. The organiser draws the winner when the contest ends.");
        body.put("showLeaderboard", true);
        body.put(
                "milestones",
                List.of(Map.of("referrals", 1, "reward", "Sticker pack"), Map.of("referrals", 3, "reward", "Mug")));
        body.put(
                "endsAt",
                Instant.now()
                        .plus(Duration.ofDays(12))
                        .truncatedTo(ChronoUnit.HOURS)
                        .toString());
        long id = activeContest(admin, body);
        String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();
        String alice = signUpFull(id, email("alice"), "Alice", "Martin");
        signUp(id, email("bob"), "Bob");

        size.apply(browser).open("/c/" + slug + "?ref=" + alice);
        assertThat(browser.waitFor(".invited").getText()).isEqualTo("Alice M. invited you");
        assertThat(browser.waitFor("#countdown").getText()).contains("days");
        assertThat(browser.waitFor("#joined").getText()).isEqualTo("2 people have joined");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("participant-branded-signup-" + width);

        // a credit while the page is open: the top 10 shows it without a reload
        signUpReferred(id, email("carol"), "Carol", alice);
        await().atMost(Duration.ofSeconds(15))
                .ignoreException(StaleElementReferenceException.class) // the refresh replaced the row
                .untilAsserted(() -> assertThat(
                                browser.waitFor("#leaderboard tbody tr").getText())
                        .matches("1\\s+Alice M\\.\\s+1\\s+\\d+"));

        browser.open("/p/" + alice);
        assertThat(browser.waitFor("h1").getText()).contains("Coffee for a year");
        assertThat(browser.waitFor("[data-copy]").isDisplayed())
                .as("the copy button, where the clipboard exists")
                .isTrue();
        assertThat(browser.waitFor("#milestone-progress").getAttribute("max")).isEqualTo("2");
        assertThat(browser.waitFor("main").getText()).contains("Carol", "Counted");
        // the board may be a few seconds old when the page loads; its refresh catches up with the credit
        await().atMost(Duration.ofSeconds(15))
                .ignoreException(StaleElementReferenceException.class) // the refresh replaced the row
                .untilAsserted(() -> assertThat(
                                browser.waitFor("#leaderboard tbody tr").getText())
                        .matches("1\\s+Alice M\\.\\s+1\\s+\\d+"));
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("participant-branded-status-" + width);
    }

    private String signUp(long contest, String address, String firstName) {
        return signUpReferred(contest, address, firstName, null);
    }

    private String signUpFull(long contest, String address, String firstName, String lastName) {
        Api.Response created = api.post(
                "/api/v1/contests/" + contest + "/signups",
                Map.of("email", address, "firstName", firstName, "lastName", lastName));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("referralCode").asString();
    }

    private String signUpReferred(long contest, String address, String firstName, String ref) {
        Map<String, Object> request = ref == null
                ? Map.of("email", address, "firstName", firstName)
                : Map.of("email", address, "firstName", firstName, "referralCode", ref);
        Api.Response created = api.post("/api/v1/contests/" + contest + "/signups", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("referralCode").asString();
    }
}
