package io.iabulk.dashboard;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Browser;
import io.iabulk.support.BrowserTest;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The participant pages in a real Chromium, as a person uses them: the signup form filled in by
 * its labels and sent with the Enter key, at desktop and at phone width, each page checked with
 * axe-core and for console errors (a content-security-policy violation is one), and pictured for
 * the README.
 */
class ParticipantPagesBrowserTest extends BrowserTest {

    @Test
    void signsUpThroughTheFormOnADesktop() {
        signsUpThroughTheForm(Browser::desktop, "desktop");
    }

    @Test
    void signsUpThroughTheFormOnAPhone() {
        signsUpThroughTheForm(Browser::mobile, "mobile");
    }

    @Test
    void anImageFromAnotherSiteIsRefusedByThePolicyAndShowsAsAConsoleError() {
        browser.open("/c/" + launchContest()).waitFor("h1");

        // what a template slip or an injected tag would do: the page's policy allows images of its own only
        browser.driver()
                .executeScript("const img = document.createElement('img');"
                        + " img.src = 'https://tracker.example/pixel.png'; img.alt = '';"
                        + " document.body.append(img);");

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(String.join("\n", browser.consoleErrors()))
                        .contains("Content Security Policy")
                        .contains("tracker.example"));
    }

    @Test
    void axeFailsOnAControlWithoutALabelAndNamesIt() {
        browser.open("/c/" + launchContest()).waitFor("h1");
        browser.driver()
                .executeScript("const input = document.createElement('input');"
                        + " input.id = 'unlabelled'; document.querySelector('form').append(input);");

        assertThatThrownBy(browser::assertAccessible)
                .hasMessageContaining("label (critical)")
                .hasMessageContaining("#unlabelled");
        assertThatThrownBy(() -> browser.fill("Promo code", "X"))
                .hasMessageContaining("expected one label \"Promo code\"");
    }

    private void signsUpThroughTheForm(UnaryOperator<Browser> size, String width) {
        String slug = launchContest();

        size.apply(browser).open("/c/" + slug);
        assertThat(browser.waitFor("h1").getText()).isEqualTo("Summer launch party");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("participant-signup-" + width);

        browser.fill("Email address", email("ada"));
        browser.fill("First name", "Ada");
        browser.fill("Last name", "Lovelace");
        browser.press(Keys.ENTER);

        // the status page, once the browser has left the form (its h1 would answer a quick look)
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.path().startsWith("/p/"));
        assertThat(browser.waitFor("h1").getText()).isEqualTo("Your place in Summer launch party");
        assertThat(browser.path()).matches("/p/[a-z0-9]+\\?joined=1");
        assertThat(browser.waitFor("main").getText()).contains("Signed up as Ada L.", "Pending confirmation");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("participant-status-" + width);
    }

    /** A contest with the same name each time, so the pictures come out the same. */
    private String launchContest() {
        Map<String, Object> body = contest();
        body.put("name", "Summer launch party");
        body.put("slug", "summer-" + unique());
        long id = activeContest(admin, body);
        return admin.get("/api/v1/contests/" + id).json().get("slug").asString();
    }
}
