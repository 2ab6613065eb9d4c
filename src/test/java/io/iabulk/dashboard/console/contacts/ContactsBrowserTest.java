package io.iabulk.dashboard.console.contacts;

import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.BrowserTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The contacts and segments pages in a real Chromium: a CSV with invalid lines imported through the
 * upload form until its counts and rejected lines show, the contact it created, and a segment built
 * in the condition builder whose count follows the conditions, then saved. Every page is checked
 * with axe-core and for console errors, and pictured for the README.
 */
class ContactsBrowserTest extends BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void importsACsvAndSeesTheCountsThenBuildsASegmentWhoseCountFollowsItsConditions() throws IOException {
        String tag = "br" + unique().toLowerCase();
        Path csv = Files.createTempFile("contacts-", ".csv");
        Files.writeString(csv, """
                email,first_name,last_name,plan
                ada.%1$s@example.com,Ada,Lovelace,%1$s
                grace.%1$s@example.com,Grace,Hopper,%1$s
                not-an-address,Bob,Nobody,free
                @example.com,Eve,Empty,free
                """.formatted(tag));

        signIn(Role.EDITOR, "/contacts/import");
        browser.waitFor("#upload-form");
        checkPage();
        browser.screenshot("contacts-import-desktop");

        browser.labelled("CSV file").sendKeys(csv.toAbsolutePath().toString());
        browser.click("Upload and import");
        until(d -> d.getCurrentUrl().matches(".*/contacts/imports/\\d+"));
        until(d -> !d.findElements(By.cssSelector("#import-progress[data-import-status='FINISHED']"))
                .isEmpty());
        String progress = browser.waitFor("#import-progress").getText();
        assertThat(progress).contains("Finished").contains("Rejected lines").contains("not-an-address");
        assertThat(stat("Processed")).isEqualTo("4");
        assertThat(stat("Created")).isEqualTo("2");
        assertThat(stat("Invalid")).isEqualTo("2");
        checkPage();

        browser.open("/contacts");
        browser.waitFor("table");
        checkPage();
        browser.screenshot("contacts-list-desktop");
        browser.mobile();
        checkPage();
        browser.screenshot("contacts-list-mobile");
        browser.desktop();

        browser.fill("Search", "ada." + tag);
        browser.click("Search");
        until(d -> d.getCurrentUrl().contains("q=ada."));
        browser.click("ada." + tag + "@example.com");
        browser.waitFor("#timeline-title");
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .contains("Ada", "Lovelace", "plan", tag, "Can be mailed", "Predictions");
        checkPage();
        browser.screenshot("contact-desktop");

        browser.open("/segments/new");
        browser.waitFor("#segment-form");
        browser.fill("Name", "Imported " + tag);
        new Select(lastRow("select[name^='f.']")).selectByValue("attributes.plan");
        until(d -> lastRow("input[name^='v.']") != null);
        lastRow("input[name^='v.']").sendKeys(tag);
        untilCount("2");

        browser.click("Add condition");
        until(d -> d.findElements(By.cssSelector("#segment-rows fieldset")).size() == 2);
        new Select(lastRow("select[name^='f.']")).selectByValue("firstName");
        until(d -> lastRow("input[name^='v.']") != null);
        lastRow("input[name^='v.']").sendKeys("grace");
        untilCount("1");
        checkPage();
        browser.screenshot("segment-builder-desktop");

        browser.click("Save segment");
        until(d -> d.getCurrentUrl().matches(".*/segments/\\d+"));
        assertThat(browser.waitFor(".toast").getText()).contains("Segment created");
        untilCount("1");
        checkPage();
        long id = Long.parseLong(browser.path().replaceAll(".*/segments/(\\d+).*", "$1"));
        Api.Response stored = admin.get("/api/v1/segments/" + id);
        assertThat(stored.json().get("filter").toString())
                .contains("\"field\":\"attributes.plan\"", "\"value\":\"" + tag + "\"", "\"field\":\"firstName\"");

        browser.open("/segments");
        browser.waitFor("table");
        checkPage();
    }

    private void checkPage() {
        browser.assertAccessible();
        List<String> errors = browser.consoleErrors();
        assertThat(errors).as("console errors on " + browser.path()).isEmpty();
    }

    private String stat(String label) {
        return browser.driver()
                .findElement(By.xpath("//dt[normalize-space()='" + label + "']/following-sibling::dd[1]"))
                .getText();
    }

    /** The matching control of the builder's last condition row, or null while there is none. */
    private WebElement lastRow(String css) {
        List<WebElement> found =
                browser.driver().findElements(By.cssSelector("#segment-rows fieldset:last-of-type " + css));
        return found.isEmpty() ? null : found.getFirst();
    }

    private void untilCount(String count) {
        until(d -> {
            List<WebElement> value = d.findElements(By.cssSelector("#segment-count .segments-count-value"));
            return !value.isEmpty() && value.getFirst().getText().equals(count);
        });
    }

    private void until(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .withMessage(() -> "waiting on " + browser.path() + ": "
                        + browser.driver().findElement(By.tagName("main")).getText())
                .until(condition::apply);
    }
}
