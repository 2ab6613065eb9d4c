package io.iabulk.dashboard;

import static io.iabulk.dashboard.Pages.markup;
import static io.iabulk.dashboard.Pages.slugOf;
import static io.iabulk.dashboard.Pages.text;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ConfirmationPageTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    Api visitor;

    @BeforeEach
    void clients() {
        visitor = Pages.visitor(port);
    }

    @Test
    void openingTheLinkOnlyAsksAndTheButtonConfirmsOnceAndTheReferralThenCounts() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);
        String bobEmail = email("bob");
        String bob = Pages.signUp(visitor, slug, bobEmail, "Bob", alice);
        assertThat(text(visitor.get("/p/" + alice))).contains("Waiting for Bob to confirm their email address.");

        String link = Pages.confirmationLink(bobEmail);
        assertThat(link).startsWith("http://localhost:" + port + "/confirm/");
        String path = URI.create(link).getPath();

        // what a mail scanner does: fetch the link, even several times; nothing changes
        Api.Response asked = visitor.get(path);
        assertThat(visitor.get(path).body()).isEqualTo(asked.body());
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.header("Content-Type")).startsWith("text/html");
        assertThat(asked.header("Cache-Control")).isEqualTo("no-store");
        assertThat(asked.header("X-Robots-Tag")).isEqualTo("noindex");
        assertThat(asked.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(text(asked)).contains("Confirm your email address").contains("You signed up for");
        assertThat(markup(asked))
                .contains("<form method=\"post\"> <button type=\"submit\">Confirm my email address</button>")
                .doesNotContain("<script>")
                .doesNotContainPattern("<script(?! src=\"/console/participant\\.js\")")
                .doesNotContain(path.substring("/confirm/".length()))
                .doesNotContain("You're in!");
        assertThat(markup(visitor.get("/p/" + bob))).contains("<dt>Status</dt> <dd>Pending confirmation</dd>");
        assertThat(text(visitor.get("/p/" + alice))).contains("Waiting for Bob to confirm their email address.");
        assertThat(markup(visitor.get("/p/" + alice))).contains("<dt>Referrals</dt> <dd>0</dd>");

        // the button: the form posts to the page's own address
        Api.Response first = visitor.postForm(path, Map.of());
        Api.Response second = visitor.postForm(path, Map.of());
        Api.Response later = visitor.get(path);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("text/html");
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        assertThat(first.header("X-Robots-Tag")).isEqualTo("noindex");
        assertThat(text(first)).contains("You're in!").contains("Your email address is confirmed for");
        String bobLink = admin.get("/api/v1/participants/" + bob)
                .json()
                .get("referralUrl")
                .asString();
        assertThat(markup(first))
                .contains("<input id=\"referral-link\" type=\"text\" readonly value=\"" + bobLink + "\">")
                .contains("<a href=\"/p/" + bob + "\">");
        assertThat(second.status()).as("a second press is harmless").isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(later.status())
                .as("the link of a confirmed participant shows their page")
                .isEqualTo(200);
        assertThat(later.body()).isEqualTo(first.body());

        Api.Response alicePage = visitor.get("/p/" + alice);
        assertThat(markup(alicePage)).contains("<dt>Referrals</dt> <dd>1</dd>").contains("<dt>Points</dt> <dd>10</dd>");
        assertThat(text(alicePage)).doesNotContain("Waiting for Bob");
        assertThat(markup(visitor.get("/p/" + bob))).contains("<dt>Status</dt> <dd>Confirmed</dd>");
    }

    @Test
    void anExpiredLinkIsTheSameHtml404ForGetAndPostAndLeadsBackToItsContest() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String doraEmail = email("dora");
        String dora = Pages.signUp(visitor, slug, doraEmail, "Dora", null);
        String path = URI.create(Pages.confirmationLink(doraEmail)).getPath();
        jdbc.sql("UPDATE contest_participants SET confirm_expires_at = :past WHERE referral_code = :code")
                .param("past", Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .param("code", dora)
                .update();

        for (Api.Response page : List.of(visitor.get(path), visitor.postForm(path, Map.of()))) {
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.header("Cache-Control")).isEqualTo("no-store");
            assertThat(text(page)).contains("This link has expired or is not valid");
            assertThat(markup(page)).contains("<a href=\"/c/" + slug + "\">");
        }
        assertThat(markup(visitor.get("/p/" + dora))).contains("<dt>Status</dt> <dd>Pending confirmation</dd>");
    }

    @Test
    void aPendingParticipantIsAskedToConfirm() {
        long id = activeContest(admin, contest());
        String code = Pages.signUp(visitor, slugOf(admin, id), email("carol"), "Carol", null);

        Api.Response page = visitor.get("/p/" + code);

        assertThat(markup(page)).contains("<dt>Status</dt> <dd>Pending confirmation</dd>");
        assertThat(text(page)).contains("Please confirm your email address with the link we sent you.");
    }

    @Test
    void anUnknownForgedOrOverlongTokenIsAFriendlyHtml404ForGetAndPost() {
        for (String path : List.of("/confirm/not-a-token-we-issued", "/confirm/" + "x".repeat(300))) {
            for (Api.Response page : List.of(visitor.get(path), visitor.postForm(path, Map.of()))) {
                assertThat(page.status()).as(path).isEqualTo(404);
                assertThat(page.header("Content-Type")).startsWith("text/html");
                assertThat(page.header("Cache-Control")).isEqualTo("no-store");
                assertThat(text(page))
                        .contains("This link has expired or is not valid")
                        .contains("Sign up again on the contest page to get a new one");
            }
        }
    }
}
