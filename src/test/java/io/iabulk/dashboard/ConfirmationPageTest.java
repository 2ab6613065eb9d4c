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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfirmationPageTest extends HttpTest {

    Api visitor;

    @BeforeEach
    void clients() {
        visitor = Pages.visitor(port);
    }

    @Test
    void theLinkFromTheEmailConfirmsOnceShowsTheSamePageAgainAndTheReferralThenCounts() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);
        String bobEmail = email("bob");
        String bob = Pages.signUp(visitor, slug, bobEmail, "Bob", alice);
        assertThat(text(visitor.get("/p/" + alice))).contains("Waiting for Bob to confirm their email address.");

        String link = Pages.confirmationLink(bobEmail);
        assertThat(link).startsWith("http://localhost:" + port + "/confirm/");
        String path = URI.create(link).getPath();
        Api.Response first = visitor.get(path);
        Api.Response second = visitor.get(path);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("text/html");
        assertThat(first.header("Cache-Control")).isEqualTo("no-store");
        assertThat(text(first)).contains("You're in!").contains("Your email address is confirmed for");
        String bobLink = admin.get("/api/v1/participants/" + bob)
                .json()
                .get("referralUrl")
                .asString();
        assertThat(markup(first))
                .contains("<input id=\"referral-link\" type=\"text\" readonly value=\"" + bobLink + "\">")
                .contains("<a href=\"/p/" + bob + "\">");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("Cache-Control")).isEqualTo("no-store");
        assertThat(second.body()).isEqualTo(first.body());

        Api.Response alicePage = visitor.get("/p/" + alice);
        assertThat(markup(alicePage)).contains("<dt>Referrals</dt> <dd>1</dd>").contains("<dt>Points</dt> <dd>10</dd>");
        assertThat(text(alicePage)).doesNotContain("Waiting for Bob");
        assertThat(markup(visitor.get("/p/" + bob))).contains("<dt>Status</dt> <dd>Confirmed</dd>");
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
    void anUnknownTokenIsAFriendlyHtml404() {
        Api.Response page = visitor.get("/confirm/not-a-token-we-issued");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(text(page))
                .contains("This link has expired or is not valid")
                .contains("Sign up again on the contest page to get a new one");
    }
}
