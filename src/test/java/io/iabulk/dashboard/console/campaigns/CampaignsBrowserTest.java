package io.iabulk.dashboard.console.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.Role;
import io.iabulk.support.BrowserTest;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The template and campaign flows in a real Chromium: a template written with a syntax
 * error, shown at its line, fixed and previewed for a contact; a campaign composed for a segment,
 * started after its confirmation and watched over SSE until it is FINISHED, without a reload.
 */
class CampaignsBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void writesATemplateWithAnErrorThenFixesItAndPreviewsIt() {
        String email = ContestTestData.email("grace");
        CampaignTestData.contactRow()
                .email(email)
                .names("Grace", "Hopper")
                .attributes("{\"plan\":\"pro\"}")
                .insert(jdbc);
        browser.desktop();
        signIn(Role.EDITOR, "/templates/new");
        browser.waitFor("#template-preview .templates-preview-body");

        browser.fill("Name", "Welcome " + ContestTestData.unique());
        browser.fill("HTML part", "<p>Hi {{firstName},</p>\n<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>");

        WebElement error = browser.waitFor("#template-preview [data-template-error]");
        assertThat(error.getText()).contains("HTML, line 1:");
        assertThat(browser.waitFor(".templates-editor-marker").isDisplayed()).isTrue();
        assertThat(browser.labelled("HTML part").getDomAttribute("aria-invalid"))
                .isEqualTo("true");

        browser.fill(
                "HTML part",
                "<h1>Hi {{firstName}}</h1>\n<p>Your plan: {{attributes.plan}}</p>\n"
                        + "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>");
        browser.fill("Preview for contact", email);
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("template-preview"), "Rendered for " + email));
        assertThat(browser.driver().findElements(By.cssSelector("#template-preview [data-template-error]")))
                .isEmpty();
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".templates-editor-marker"))
                        .isDisplayed())
                .as("the error line is no longer marked")
                .isFalse();
        assertThat(browser.driver().findElement(By.id("template-preview")).getText())
                .contains("Hello Grace")
                .contains("Hi Grace");
        browser.driver().switchTo().frame(browser.driver().findElement(By.cssSelector("#template-preview iframe")));
        until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Your plan: pro"));
        browser.driver().switchTo().defaultContent();

        browser.assertAccessible();
        browser.driver()
                .executeScript("document.getElementById('html').setSelectionRange(0, 0); window.scrollTo(0, 0);");
        browser.screenshot("templates-editor-desktop");
        // the preview has settled (a request cut short by the navigation would be logged as an error)
        until(driver -> driver.findElements(By.cssSelector(".htmx-request")).isEmpty());
        browser.click("Create template");
        until(ExpectedConditions.urlMatches("/templates/\\d+$"));
        assertThat(browser.waitFor(".toast").getText()).contains("Template saved");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void sendsACampaignToASegmentAndWatchesItReachFinished() {
        String tag = ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 3);
        long segment = CampaignTestData.segment(admin, tag);
        long template = CampaignTestData.template(admin);
        String templateName =
                admin.get("/api/v1/templates/" + template).json().get("name").asString();
        String segmentName =
                admin.get("/api/v1/segments/" + segment).json().get("name").asString();
        browser.desktop();
        signIn(Role.EDITOR, "/campaigns/new");

        String name = "Spring news " + tag;
        browser.fill("Name", name);
        browser.fill("Template", templateName);
        browser.fill("Segment", segmentName);
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("audience-count"), "3 contacts match now"));
        browser.fill("From", "Launch team <news@iabulk.test>");
        browser.fill("Subject variant 1", "Hello {{firstName}}");
        browser.click("Add a variant");
        browser.fill("Subject variant 2", "News for {{firstName}}");
        browser.fill("Messages per second", "1");
        browser.assertAccessible();
        browser.driver().executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
        browser.screenshot("campaign-compose-desktop");
        browser.click("Save draft");

        until(ExpectedConditions.urlMatches("/campaigns/\\d+$"));
        browser.click("Start campaign");
        WebElement dialog = browser.waitFor("#confirm-dialog");
        assertThat(dialog.getText()).contains("Send to 3 people now?");
        browser.click("Send now");

        until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-live"), "Running"));
        browser.driver().executeScript("window.stillTheSamePage = true;");
        browser.waitFor("#campaign-live progress");
        browser.driver().executeScript("window.scrollTo(0, 0);");
        browser.screenshot("campaign-progress-desktop");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("campaign-live"), "Finished"));
        browser.waitFor(".campaigns-report .chart canvas");
        assertThat(browser.driver().executeScript("return window.stillTheSamePage === true"))
                .as("the page followed the campaign without a reload")
                .isEqualTo(true);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("[data-count=sent]"))
                        .getText())
                .isEqualTo("3");
        assertThat(browser.driver()
                        .findElement(By.cssSelector(".campaigns-report"))
                        .getText())
                .contains("Human opens")
                .contains("News for {{firstName}}");
        browser.assertAccessible();
        browser.driver().executeScript("window.scrollTo(0, 0);");
        browser.screenshot("campaign-report-desktop");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.mobile();
        browser.open("/campaigns");
        browser.waitFor("table.campaigns-table");
        browser.assertAccessible();
        browser.screenshot("campaigns-list-mobile");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void until(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(condition);
    }
}
