package io.iabulk.dashboard;

import static io.iabulk.dashboard.Pages.slugOf;
import static io.iabulk.dashboard.Pages.text;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The branded participant pages (issue 16): brand, image, description, prize, count, countdown, top
 * 10, terms, the link card, the inviter's greeting, the share buttons; every field an operator or a
 * participant sends is shown as text, never as markup.
 */
class BrandedPagesTest extends HttpTest {

    private static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>\"'&";

    Api visitor;

    @BeforeEach
    void clients() {
        visitor = Pages.visitor(port);
    }

    @Test
    void theSignupPageShowsTheBrandAndTheCardOfASharedLink() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("description", "**Win** a [year](https://example.com/coffee) of coffee.");
        body.put("prize", "A year of coffee");
        body.put("imageUrl", "https://cdn.example.com/prize.png");
        body.put("logoUrl", "https://cdn.example.com/logo.svg");
        body.put("accentColor", "#FFD43B");
        body.put("terms", "One entry per *person*.");
        body.put("showLeaderboard", true);
        body.put(
                "endsAt",
                Instant.now()
                        .plus(Duration.ofDays(3))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        long id = activeContest(admin, body);
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);
        Pages.signUp(visitor, slug, email("bob"), "Bob", alice);

        Api.Response response = visitor.get("/c/" + slug);
        assertThat(response.header("Content-Security-Policy"))
                .as("the logo's and the image's site, no other")
                .contains("img-src 'self' https://cdn.example.com;");
        Document page = Jsoup.parse(response.body());

        assertThat(page.selectFirst("meta[property=og:title]").attr("content"))
                .isEqualTo(page.selectFirst("h1").text());
        assertThat(page.selectFirst("meta[property=og:image]").attr("content"))
                .isEqualTo("https://cdn.example.com/prize.png");
        assertThat(page.selectFirst("meta[property=og:description]").attr("content"))
                .isEqualTo("Join and win: A year of coffee");
        assertThat(page.selectFirst("meta[name=twitter:card]").attr("content")).isEqualTo("summary_large_image");
        assertThat(page.selectFirst(".brand img").attr("src")).isEqualTo("https://cdn.example.com/logo.svg");
        assertThat(page.selectFirst("img.hero").attr("alt")).isEqualTo("A year of coffee");
        assertThat(page.selectFirst(".markdown strong").text()).isEqualTo("Win");
        assertThat(page.selectFirst(".markdown a").attr("rel")).contains("noopener");
        assertThat(page.selectFirst("#joined").text()).isEqualTo("2 people have joined");
        assertThat(page.selectFirst("#countdown").text()).matches("[23] days? .*left");
        assertThat(page.selectFirst("#leaderboard tbody tr td:nth-child(2)").text())
                .isEqualTo("Alice");
        assertThat(page.selectFirst("details .markdown em").text()).isEqualTo("person");
        // a light accent: white text would not read on it, nor would it as link text on white
        assertThat(page.body().attr("style"))
                .contains("--accent: #ffd43b")
                .contains("--accent-text: #000000")
                .contains("--accent-link: #1545b3");
    }

    @Test
    void aFriendsLinkGreetsWithTheirFirstNameAndInitialAndAnUnknownCodeIsIgnored() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String slug = slugOf(admin, id);
        String alice = Pages.signUpFull(visitor, slug, email("alice"), "Alice", "Martin", null);
        String anonymous = Pages.signUp(visitor, slug, email("anon"), null, null);
        long other = activeContest(admin, contestWithoutConfirmation());
        String elsewhere = Pages.signUp(visitor, slugOf(admin, other), email("eve"), "Eve", null);

        assertThat(text(visitor.get("/c/" + slug + "?ref=" + alice))).contains("Alice M. invited you");
        assertThat(text(visitor.get("/c/" + slug + "?ref=" + alice.toUpperCase())))
                .contains("Alice M. invited you");
        for (String ref : new String[] {"nosuchcode", anonymous, elsewhere, "%3Cb%3E", ""}) {
            Api.Response page = visitor.get("/c/" + slug + "?ref=" + ref);
            assertThat(page.status()).as(ref).isEqualTo(200);
            assertThat(text(page)).as(ref).doesNotContain("invited you");
        }
        assertThat(visitor.get("/c/" + slug + "?ref=" + alice).body())
                .doesNotContain("Martin")
                .doesNotContain("@");
    }

    @Test
    void everyFieldIsRenderedAsTextNeverAsMarkup() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("name", "Launch " + HOSTILE.replace("\n", ""));
        body.put(
                "description",
                HOSTILE + "\n\n[click](javascript:alert(1)) ![pixel](https://tracker.example.com/p.gif)");
        body.put("prize", HOSTILE);
        body.put("terms", HOSTILE);
        body.put("imageUrl", "https://cdn.example.com/a.png?x='onload='alert(1)");
        body.put("showLeaderboard", true);
        long id = activeContest(admin, body);
        String slug = slugOf(admin, id);
        String code = Pages.signUpFull(visitor, slug, email("mallory"), HOSTILE, HOSTILE, null);

        for (String path : new String[] {"/c/" + slug, "/c/" + slug + "?ref=" + code, "/p/" + code}) {
            Api.Response response = visitor.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            String html = response.body();
            assertThat(html).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
            Document page = Jsoup.parse(html);
            assertThat(page.select("script").eachAttr("src")).as(path).containsOnly("/console/participant.js");
            assertThat(page.select("[onerror], [onload]")).as(path).isEmpty();
            assertThat(page.select("a[href^=javascript]")).as(path).isEmpty();
            assertThat(page.select("img[src*=tracker]"))
                    .as("images in the Markdown are not loaded")
                    .isEmpty();
            assertThat(page.text()).as(path).contains("<script>alert('x')</script>");
        }
    }
}
