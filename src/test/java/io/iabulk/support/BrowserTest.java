package io.iabulk.support;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test that drives the running service through a real Chromium: one browser per
 * test class (starting one costs about a second), reset before each test to a blank page, no
 * cookies and the desktop viewport. Without Chromium the tests are skipped with a message; with
 * {@code CI=true} they fail instead, like the other integration tests without their servers.
 */
@ExtendWith(BrowserExtension.class)
public abstract class BrowserTest extends HttpTest {

    protected Browser browser;

    @BeforeEach
    void browserOnThisService(Browser browser) {
        this.browser = browser.reset("http://localhost:" + port);
    }
}
