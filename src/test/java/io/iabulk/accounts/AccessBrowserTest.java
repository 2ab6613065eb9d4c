package io.iabulk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.Role;
import io.iabulk.support.BrowserTest;
import io.iabulk.support.ConsoleLogin;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing in and out, the first-start setup and the refusals, in a real Chromium. */
class AccessBrowserTest extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstStartSetupCreatesTheOwnerAndOpensTheConsole() {
        jdbc.sql("DELETE FROM operators").update();
        jdbc.sql("DELETE FROM operator_setup").update();
        String token = accounts.createSetupToken();

        browser.open("/login").waitFor("h1");
        assertThat(browser.driver().getPageSource()).contains("IA Bulk is not set up yet");

        browser.open("/setup?token=" + token).waitFor("form");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("console-setup-desktop");
        browser.fill("Your name", "Olivia Owner");
        browser.fill("Email address", "olivia@example.com");
        browser.fill("Password", "a long and private passphrase");
        browser.fill("Time zone", "Europe/Paris");
        browser.click("Create the owner account");

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> browser.path().startsWith("/?welcome"));
        assertThat(browser.driver().findElement(By.cssSelector(".operator")).getText())
                .contains("olivia@example.com");
        assertThat(accounts.needsSetup()).isFalse();
    }

    @Test
    void anOperatorSignsInWithTheKeyboardAndSignsOut() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        browser.open("/settings").waitFor("h1");
        // no session: the console sends the browser to sign in, and back afterwards
        assertThat(browser.path()).startsWith("/login?next=");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("console-sign-in-desktop");

        browser.fill("Email address", editor.email());
        browser.fill("Password", "not the password");
        browser.press(Keys.ENTER);
        assertThat(browser.waitFor("#sign-in-error").getText()).contains("not right");

        browser.fill("Password", editor.password());
        browser.press(Keys.ENTER);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> browser.path().equals("/settings"));
        assertThat(browser.waitFor("h1").getText()).isEqualTo("Settings");
        browser.assertAccessible();
        browser.screenshot("console-settings-desktop");

        browser.click("Log out");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> browser.path().startsWith("/login"));
        assertThat(browser.driver().getPageSource()).contains("You are signed out");
        browser.open("/settings");
        assertThat(browser.path()).startsWith("/login?next=");
    }

    @Test
    void aPhoneSizedSignInPageIsUsable() {
        browser.mobile().open("/login").waitFor("h1");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("console-sign-in-mobile");
    }

    @Test
    void aRoleThatMayNotDoAThingIsRefusedAndSaysWhy() {
        signIn(Role.EDITOR, "/settings/api-keys");
        assertThat(browser.waitFor("h1").getText()).isEqualTo("Not allowed");
        assertThat(browser.driver().getPageSource()).contains("EDITOR").contains("OWNER");
        browser.assertAccessible();
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() {
        signIn(Role.OWNER, "/settings/api-keys");
        browser.waitFor("form");
        // what a forged form from another site amounts to: the cookie goes along, the token does not
        browser.driver()
                .executeScript("document.querySelectorAll('input[name=_csrf]').forEach(i => i.value = 'forged')");
        browser.fill("Name", "forged key");
        browser.click("Create key");
        assertThat(browser.waitFor("h1").getText()).isEqualTo("Not allowed");
        assertThat(browser.driver().getPageSource()).contains("security token");
        browser.open("/settings/api-keys").waitFor("h1");
        assertThat(browser.driver().getPageSource()).doesNotContain("forged key");
    }

    @Test
    void theOwnersPagesPassTheAccessibilityCheck() {
        ConsoleLogin owner = signIn(Role.OWNER, "/settings/api-keys");
        browser.waitFor("h1");
        browser.fill("Name", "Warehouse export");
        browser.click("Create key");
        assertThat(browser.waitFor("#new-key").getText()).startsWith("iab_");
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("console-api-keys-desktop");

        browser.open("/settings/accounts").waitFor("h1");
        browser.assertAccessible();
        browser.screenshot("console-accounts-desktop");

        browser.open("/audit").waitFor("h1");
        assertThat(browser.driver().getPageSource()).contains(owner.email());
        browser.assertAccessible();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("console-audit-desktop");

        browser.open("/account").waitFor("h1");
        browser.assertAccessible();
    }
}
