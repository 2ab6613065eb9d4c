package io.iabulk.support;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An integration test that drives the running service through a real Chromium: one browser per
 * test class (starting one costs about a second), reset before each test to a blank page, no
 * cookies and the desktop viewport. Without Chromium the tests are skipped with a message; with
 * {@code CI=true} they fail instead, like the other integration tests without their servers.
 */
@ExtendWith(BrowserExtension.class)
public abstract class BrowserTest extends HttpTest {

    protected Browser browser;

    @Autowired
    protected AccountService accounts;

    @BeforeEach
    void browserOnThisService(Browser browser) {
        this.browser = browser.reset("http://localhost:" + port);
    }

    /**
     * Signs a fresh operator of the role in (through the sign-in form over HTTP) and gives the
     * browser its session cookie; the browser then shows the page at {@code path}.
     */
    protected ConsoleLogin signIn(Role role, String path) {
        ConsoleLogin login = ConsoleLogin.as(role, api, accounts);
        browser.open("/login");
        browser.driver().manage().addCookie(new Cookie("iab_session", login.session(), "/"));
        browser.open(path);
        return login;
    }
}
