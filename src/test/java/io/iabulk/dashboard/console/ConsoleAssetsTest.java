package io.iabulk.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import org.junit.jupiter.api.Test;

/**
 * The console's assets are served from the jar: its own under /console, the libraries from WebJars at
 * version-free paths. (Sent with the admin key until the edge declares these paths public.)
 */
class ConsoleAssetsTest extends HttpTest {

    @Test
    void servesTheConsoleAssets() {
        assertThat(admin.get("/console/console.css").header("Content-Type")).startsWith("text/css");
        assertThat(admin.get("/console/console.js").body()).contains("htmx:confirm");
        assertThat(admin.get("/console/icons.svg").body()).contains("<symbol id=\"send\"");
    }

    @Test
    void servesTheLibrariesWithoutTheirVersionInTheAddress() {
        for (String path : new String[] {
            "/webjars/htmx.org/dist/htmx.min.js", "/webjars/htmx-ext-sse/sse.js", "/webjars/echarts/dist/echarts.min.js"
        }) {
            var response = admin.get(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(path).contains("javascript");
        }
    }
}
