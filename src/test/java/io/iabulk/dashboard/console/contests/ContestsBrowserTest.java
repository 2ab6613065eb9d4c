package io.iabulk.dashboard.console.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.BrowserTest;
import io.iabulk.support.ConsoleLogin;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The contest pages in a real Chromium, through the flows of issue 14: create a contest and see a
 * signup appear live, approve a flagged referral, draw winners. Every page is checked with axe-core
 * and for console errors (a content-security-policy violation is one), and pictured for the README.
 */
class ContestsBrowserTest extends BrowserTest {

    private static final AtomicInteger NETWORK = new AtomicInteger();

    @Test
    void createAContestAndSeeASignupAppearLive() {
        signIn(Role.EDITOR, "/contests");
        browser.waitFor("h1");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();

        browser.click("New contest");
        browser.waitFor("form.contests-form");
        String name = "Browser launch " + unique();
        browser.fill("Name", name);
        browser.fill("Points per referral", "25");
        browser.labelled("Participants confirm their email address").click();
        browser.driver().findElement(By.id("milestone-0-referrals")).sendKeys("1");
        browser.driver().findElement(By.id("milestone-0-reward")).sendKeys("Sticker pack");
        browser.click("Add milestone");
        assertThat(browser.driver().findElements(By.cssSelector("[data-milestone-row]")))
                .hasSize(3);
        browser.click("Create contest");

        browser.waitFor(".contests-title");
        assertThat(browser.path()).matches("/contests/\\d+");
        assertThat(browser.waitFor(".toast").getText()).contains("Contest created");
        long id = Long.parseLong(browser.path().substring("/contests/".length()));
        JsonNode created = admin.get("/api/v1/contests/" + id).json();
        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("pointsPerReferral").asInt()).isEqualTo(25);
        assertThat(created.get("milestones")).hasSize(1);

        browser.click("Activate");
        confirm();
        // the previous page's toast may be found just before the new page replaces it
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(
                        () -> assertThat(browser.waitFor(".toast").getText()).contains("signups are open"));
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ACTIVE");

        // a marker that a reload would wipe: the signup must appear without one
        browser.driver().executeScript("window.contestPageMarker = 'still here';");
        join(id, email("ada"), "Ada", "Lovelace", null);
        // the live part is swapped every few seconds: an element found just before a swap goes stale
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() ->
                        assertThat(browser.waitFor("#contest-live").getText()).contains("Ada L."));
        assertThat(browser.driver().executeScript("return window.contestPageMarker"))
                .isEqualTo("still here");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#contest-live .stat .stat-value"))
                        .getText())
                .isEqualTo("1");
        assertThat(browser.driver().findElement(By.id("signup-link")).getText())
                .endsWith("/c/" + created.get("slug").asString());
        assertThat(browser.driver().findElement(By.id("embed-snippet")).getText())
                .startsWith("<iframe id=")
                .contains(" src=\"http");
        checked("contest-desktop");

        browser.mobile().open("/contests/" + id).waitFor("#contest-live");
        checked("contest-mobile");

        browser.desktop().open("/contests?q=" + created.get("slug").asString()).waitFor("h1");
        assertThat(browser.waitFor("main table").getText()).contains(name);
        checked("contests-list-desktop");
    }

    @Test
    void editAContestAndSeeTheErrorsInline() {
        long id = activeContest(admin, contestWithoutConfirmation());
        signIn(Role.EDITOR, "/contests/" + id + "/edit");
        browser.waitFor("form.contests-form");
        checked("contest-edit-desktop");

        browser.fill("Name", " ");
        browser.fill("Points per signup", "-1");
        browser.click("Save changes");

        assertThat(browser.waitFor(".error-summary").getText())
                .contains("Enter a name")
                .contains("Points per signup must be greater than or equal to 0");
        assertThat(browser.labelled("Name").getDomAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();

        browser.fill("Name", "Renamed " + unique());
        browser.fill("Points per signup", "2");
        browser.click("Save changes");
        assertThat(browser.waitFor(".toast").getText()).contains("Changes saved");
        assertThat(admin.get("/api/v1/contests/" + id)
                        .json()
                        .get("pointsPerSignup")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void approveAFlaggedReferral() {
        long id = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(id, email("alice"), "Alice", "Martin", null);
        String carol = "carol" + unique() + "@sub.mailinator.com";
        join(id, carol, "Carol", null, alice.get("referralCode").asString());

        signIn(Role.EDITOR, "/contests/" + id + "/review");
        assertThat(browser.waitFor("#review-form").getText())
                .contains("Throwaway email address")
                .contains(carol);
        checked("contest-review-desktop");
        // at 1280 px the table fits its frame and a row's own buttons are in view, not cut off at its edge
        assertThat(browser.driver().executeScript("""
                        const wrap = document.querySelector('#review-form .table-wrap');
                        const frame = wrap.getBoundingClientRect();
                        const buttons = [...document.querySelectorAll('#review-form td.actions .button')];
                        return wrap.scrollWidth <= wrap.clientWidth && buttons.length === 2
                            && buttons.every(b => { const r = b.getBoundingClientRect();
                                return r.left >= frame.left && r.right <= frame.right; });
                        """)).isEqualTo(true);

        browser.driver().findElement(By.id("select-all")).click();
        assertThat(browser.waitFor("[data-selected-count]").getText()).isEqualTo("1 referral selected");
        browser.click("Approve selected");
        confirm();

        assertThat(browser.waitFor(".toast").getText()).contains("1 referral approved and credited");
        assertThat(browser.waitFor("main").getText()).contains("Nothing to review");
        assertThat(admin.get("/api/v1/participants/" + alice.get("referralCode").asString())
                        .json()
                        .get("referrals")
                        .asInt())
                .isEqualTo(1);
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();

        browser.click("Credited");
        assertThat(browser.waitFor("#review-form").getText()).contains(carol);
    }

    @Test
    void drawWinners() {
        Map<String, Object> points = contestWithoutConfirmation();
        points.put("pointsPerSignup", 1);
        long id = activeContest(admin, points);
        String aliceEmail = email("alice");
        JsonNode alice = join(id, aliceEmail, "Alice", "Martin", null);
        join(id, email("bob"), "Bob", "Stone", alice.get("referralCode").asString());
        join(id, email("dan"), "Dan", null, alice.get("referralCode").asString());

        ConsoleLogin login = signIn(Role.VIEWER, "/contests/" + id + "/winners");
        browser.waitFor("#pick-title");
        browser.labelled("Weighted draw").click();
        browser.fill("Number of winners", "2");
        browser.fill("Seed of the draw", "20261207");
        browser.click("Pick winners");

        assertThat(browser.waitFor("#result-title").getText()).isEqualTo("Drawn winners");
        assertThat(browser.driver().findElements(By.cssSelector("main table tbody tr")))
                .hasSize(2);
        assertThat(browser.waitFor(".contests-seed").getText()).contains("20261207");
        checked("contest-winners-desktop");

        String csvUrl =
                browser.driver().findElement(By.linkText("Download CSV")).getDomAttribute("href");
        assertThat(csvUrl).contains("seed=20261207");
        Api.Response csv = login.reading(api).get(csvUrl);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines())
                .hasSize(3)
                .first()
                .isEqualTo("rank,participantId,displayName,email,referrals,points");
        assertThat(csv.body())
                .isEqualTo(admin.with("Accept", "text/csv")
                        .get("/api/v1/contests/" + id + "/winners?mode=weighted-draw&limit=2&seed=20261207")
                        .body());
    }

    @Test
    void findAParticipantAndReadWhyTheirFriendDidNotCount() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String u = unique();
        JsonNode alice = join(id, "alice-" + u + "@example.com", "Alice", "Martin", null);
        String code = alice.get("referralCode").asString();
        JsonNode bob = join(id, "bob-" + u + "@example.com", "Bob", "Stone", code);
        String carol = "carol" + u + "@sub.mailinator.com";
        join(id, carol, "Carol", null, code);

        ConsoleLogin login = signIn(Role.VIEWER, "/contests/" + id + "/participants");
        assertThat(browser.driver().findElements(By.cssSelector("main table tbody tr")))
                .hasSize(3);
        assertThat(browser.waitFor("#participant-" + bob.get("participantId").asLong() + " .contests-referrer")
                        .getText())
                .isEqualTo("alice-" + u + "@example.com");
        checked("contest-participants-desktop");
        browser.mobile();
        browser.driver().navigate().refresh();
        browser.waitFor("#participants-title");
        checked("contest-participants-mobile");
        browser.desktop();

        browser.fill("Search", "ALICE-" + u);
        browser.click("Search");
        browser.waitFor("a.button-ghost"); // the Clear link: the filtered page has loaded
        assertThat(browser.driver().findElements(By.cssSelector("main table tbody tr")))
                .hasSize(1);
        String csvUrl = browser.driver()
                .findElement(By.partialLinkText("Download these as CSV"))
                .getDomAttribute("href");
        Api.Response csv = login.reading(api).get(csvUrl);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines()).hasSize(2);
        assertThat(csv.body().lines().toList().get(1)).contains("alice-" + u + "@example.com");

        browser.click("alice-" + u + "@example.com");
        browser.waitFor("#made-title");
        String made = browser.waitFor("main table").getText();
        assertThat(made).contains("Throwaway email address").contains(carol).contains("Bob Stone");
        assertThat(browser.waitFor("main").getText())
                .contains("Rank\n#1")
                .contains("0 waiting for the friend to confirm, 1 held for review, 0 rejected");
        checked("contest-participant-desktop");
        browser.mobile();
        browser.driver().navigate().refresh();
        browser.waitFor("#made-title");
        checked("contest-participant-mobile");
        browser.desktop();

        browser.click("Carol");
        browser.waitFor("#joined-title");
        assertThat(browser.waitFor("main").getText())
                .contains("Through the link of alice-" + u + "@example.com")
                .contains("Held for review")
                .contains("Throwaway email address");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Accessible, no console error, pictured. */
    private void checked(String screenshot) {
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        // the picture shows the page, not the toast of the action that led there
        browser.driver().findElements(By.cssSelector(".toast [data-dismiss]")).forEach(WebElement::click);
        browser.screenshot(screenshot);
    }

    /** Confirms the console's confirmation dialog. */
    private void confirm() {
        browser.waitFor("#confirm-dialog[open] [data-dialog-confirm]").click();
    }

    private JsonNode join(long contest, String address, String first, String last, String code) {
        int n = NETWORK.incrementAndGet();
        Api visitor = Api.at(port).with("X-Forwarded-For", "10.92." + (n / 250 % 250) + "." + (n % 250 + 1));
        Map<String, Object> body = new HashMap<>();
        body.put("email", address);
        body.put("firstName", first);
        body.put("lastName", last);
        body.put("referralCode", code);
        Api.Response r = visitor.post("/api/v1/contests/" + contest + "/signups", body);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }
}
