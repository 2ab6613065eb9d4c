package io.iabulk.dashboard;

import static io.iabulk.dashboard.Pages.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every participant page shares: HTML errors, browser protections, rate limiting. */
@IntegrationTest
class PageEdgeTest {

    @LocalServerPort
    int port;

    Api visitor;

    @BeforeEach
    void client() {
        visitor = Pages.visitor(port);
    }

    @Test
    void addressesUnderThePagePrefixesAreHtml404sToo() {
        for (String path : new String[] {"/c/one/two", "/c/", "/p/", "/confirm/", "/confirm/a/b"}) {
            Api.Response page = visitor.get(path);

            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(text(page)).as(path).contains("We couldn't find this");
        }
    }

    @Test
    void aPageLinkSharedWithATrailingSlashLeadsToThePage() {
        for (String[] link : new String[][] {
            {"/c/spring-launch/?ref=ab12cd34", "/c/spring-launch?ref=ab12cd34"},
            {"/c/spring-launch/", "/c/spring-launch"},
            {"/p/ab12cd34/?joined=1", "/p/ab12cd34?joined=1"},
            {"/c/%73pring/?ref=%3Cb%3E", "/c/%73pring?ref=%3Cb%3E"}
        }) {
            Api.Response page = visitor.get(link[0]);

            assertThat(page.status()).as(link[0]).isEqualTo(301);
            assertThat(page.header("Location")).as(link[0]).isEqualTo(link[1]);
        }
    }

    @Test
    void theIconBrowsersAskForWithEveryPageNeedsNoKey() {
        Api.Response icon = visitor.get("/favicon.ico");

        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg");
    }

    @Test
    void pagesForbidScriptsAndSendNoReferrer() {
        Api.Response page = visitor.get("/p/zzzzzzzz");

        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Request-ID")).isNotBlank();
    }

    @Test
    void everySpellingOfAPageAddressGetsThePageProtectionsAndTheConfirmationCannotBeFramed() {
        for (String path : new String[] {"/confirm/zzzzzzzz", "/confirm;x/zzzzzzzz", "/%63onfirm/zzzzzzzz"}) {
            Api.Response page = visitor.get(path);

            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(page.header("Content-Security-Policy"))
                    .as(path)
                    .contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
            assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @Test
    void theSignupFormAndTheStatusPageItLeadsToMayBeEmbeddedAndRunOnlyTheirOwnScript() {
        for (String path : new String[] {"/p/zzzzzzzz", "/p;x/zzzzzzzz", "/%70/zzzzzzzz", "/c;/nosuchcontest"}) {
            Api.Response page = visitor.get(path);

            assertThat(page.header("Content-Security-Policy"))
                    .as(path)
                    .contains("default-src 'none'")
                    .contains("frame-ancestors *")
                    .contains("script-src 'self';")
                    .doesNotContain("unsafe-eval")
                    .doesNotContainPattern("script-src[^;]*unsafe-inline");
            assertThat(page.header("X-Frame-Options")).as(path).isNull();
        }
    }

    @Test
    void aFormWithMalformedOrTooManyParametersIsAn400PageNotAFailure() {
        Api.Response malformed = visitor.send(
                "POST",
                "/c/nosuchcontest",
                "application/x-www-form-urlencoded",
                "email=a%zz&firstName=%".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder many = new StringBuilder("email=x%40example.com");
        for (int i = 0; i < 20_000; i++) {
            many.append("&p").append(i).append("=1");
        }
        Api.Response tooMany = visitor.send(
                "POST",
                "/c/nosuchcontest",
                "application/x-www-form-urlencoded",
                many.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        for (Api.Response page : List.of(malformed, tooMany)) {
            assertThat(page.status()).isEqualTo(400);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(text(page)).contains("We couldn't understand this request");
        }
    }

    @Test
    void tooManyRequestsFromOneAddressAreAnHtml429WithRetryAfter() throws Exception {
        // the pages group allows 30 requests a second per address in tests (application-it.yml);
        // a concurrent burst passes that however slow the machine is
        List<Api.Response> burst;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                futures.add(executor.submit(() -> visitor.get("/p/zzzzzzzz")));
            }
            burst = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                burst.add(future.get());
            }
        }
        Api.Response limited = burst.stream()
                .filter(r -> r.status() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 429 in a burst of 120 requests"));

        assertThat(limited.header("Content-Type")).startsWith("text/html");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(text(limited)).contains("Please slow down a little");
        assertThat(burst).allSatisfy(r -> assertThat(r.status()).isIn(404, 429));
    }
}
