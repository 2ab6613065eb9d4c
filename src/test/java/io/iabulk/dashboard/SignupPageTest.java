package io.iabulk.dashboard;

import static io.iabulk.dashboard.Pages.form;
import static io.iabulk.dashboard.Pages.markup;
import static io.iabulk.dashboard.Pages.slugOf;
import static io.iabulk.dashboard.Pages.text;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SignupPageTest extends HttpTest {

    Api visitor;

    @BeforeEach
    void clients() {
        visitor = Pages.visitor(port);
    }

    @Test
    void showsTheContestItsRewardsAndCarriesTheReferralCodeInAHiddenField() {
        Map<String, Object> body = contest();
        body.put("name", "Launch <b>party</b> " + unique());
        long id = activeContest(admin, body);
        String slug = slugOf(admin, id);

        Api.Response page = visitor.get("/c/" + slug + "?ref=abc23456");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<html lang=\"en\"").contains("name=\"viewport\"");
        assertThat(page.body()).contains("Launch &lt;b&gt;party&lt;/b&gt;").doesNotContain("<b>party</b>");
        assertThat(text(page))
                .contains("Open for signups")
                .contains("Sticker pack for 1 referral")
                .contains("T-shirt for 3 referrals");
        assertThat(page.body())
                .contains("<form id=\"signup\" method=\"post\" action=\"/c/" + slug + "\">")
                .contains("<input type=\"hidden\" name=\"ref\" value=\"abc23456\">")
                .contains("<label for=\"email\">")
                .contains("<input id=\"email\" name=\"email\" type=\"email\"");
    }

    @Test
    void aRenderedPageIsSharedByVisitorsOfTheSameLinkButAnEditOrAnotherLinkIsSeenAtOnce() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);

        Api.Response first = visitor.get("/c/" + slug);
        Api.Response again = visitor.get("/c/" + slug);
        admin.patch("/api/v1/contests/" + id, Map.of("prize", "A week in Lisbon"));
        Api.Response edited = visitor.get("/c/" + slug);
        Api.Response viaLink = visitor.get("/c/" + slug + "?ref=abc23456");

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(first.body()).doesNotContain("A week in Lisbon");
        assertThat(edited.body()).contains("A week in Lisbon");
        assertThat(viaLink.body()).contains("value=\"abc23456\"");
        assertThat(edited.body()).doesNotContain("abc23456");
        for (Api.Response page : java.util.List.of(first, again, edited, viaLink)) {
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
            assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        }
    }

    @Test
    void dropsAReferralCodeThatCannotBeOne() {
        long id = activeContest(admin, contest());

        Api.Response page = visitor.get("/c/" + slugOf(admin, id) + "?ref=%22%3E%3Cscript%3Ex%3C/script%3E");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("name=\"ref\"").doesNotContain("<script>");
    }

    @Test
    void aFormPostCreatesTheParticipantWithTheReferralAndRedirectsToTheirPage() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);

        Api.Response posted = visitor.postForm("/c/" + slug, form(email("bob"), "Bob", "Builder", alice));

        assertThat(posted.status()).isEqualTo(303);
        String bob = Pages.codeIn(posted.header("Location"));
        JsonNode bobStatus = admin.get("/api/v1/participants/" + bob).json();
        assertThat(bobStatus.get("status").asString()).isEqualTo("PENDING");
        assertThat(bobStatus.get("displayName").asString()).isEqualTo("Bob B.");
        // the hidden ref made Bob Alice's referral, waiting for his confirmation
        assertThat(admin.get("/api/v1/participants/" + alice)
                        .json()
                        .get("pendingReferrals")
                        .asInt())
                .isEqualTo(1);
        Api.Response statusPage = visitor.get(posted.header("Location"));
        assertThat(statusPage.status()).isEqualTo(200);
        assertThat(text(statusPage)).contains("Check your inbox to confirm");
    }

    @Test
    void anInvalidEmailComesBackWithTheMessageNextToTheFieldAndWhatWasTypedEscaped() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);

        Api.Response page = visitor.postForm(
                "/c/" + slug,
                form("not-an-email", "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "abc23456"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Error: ");
        assertThat(markup(page))
                .contains("role=\"alert\"")
                .contains("<p id=\"email-error\" class=\"field-error\">Your email address must be a valid email"
                        + " address, like jane@example.com.</p>")
                .contains("value=\"not-an-email\" aria-invalid=\"true\" aria-describedby=\"email-error\"")
                .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
                .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\"")
                .contains("<input type=\"hidden\" name=\"ref\" value=\"abc23456\">");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("<img");
        assertThat(participants(id)).isZero();
    }

    @Test
    void aMissingEmailATooLongNameAndAControlCharacterAreEachExplained() {
        long id = activeContest(admin, contest());

        Api.Response page = visitor.postForm("/c/" + slugOf(admin, id), form("", "x".repeat(101), "Sm\u0000ith", null));

        assertThat(page.status()).isEqualTo(400);
        assertThat(text(page))
                .contains("Please enter your email address.")
                .contains("Your first name can be at most 100 characters long.")
                .contains("Your last name contains characters we cannot accept");
        assertThat(participants(id)).isZero();
    }

    @Test
    void aContestThatDoesNotTakeSignupsSaysSoWithoutAForm() {
        long draft = admin.post("/api/v1/contests", contest()).json().get("id").asLong();
        String slug = slugOf(admin, draft);

        Api.Response page = visitor.get("/c/" + slug);
        Api.Response posted = visitor.postForm("/c/" + slug, form(email("early"), null, null, null));

        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).contains("Not open yet").contains("This contest is not open for signups yet.");
        assertThat(page.body()).doesNotContain("<form");
        assertThat(posted.status()).isEqualTo(409);
        assertThat(posted.header("Content-Type")).startsWith("text/html");
        assertThat(text(posted)).contains("This contest is not open for signups yet.");
        assertThat(participants(draft)).isZero();
    }

    @Test
    void anEndedContestSaysItHasEnded() {
        long id = activeContest(admin, contest());
        admin.post("/api/v1/contests/" + id + "/end");

        Api.Response page = visitor.get("/c/" + slugOf(admin, id));

        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).contains("Ended").contains("This contest has ended");
        assertThat(page.body()).doesNotContain("<form");
    }

    @Test
    void anUnknownContestIsAFriendlyHtml404() {
        Api.Response page = visitor.get("/c/no-such-contest-" + unique());
        Api.Response posted = visitor.postForm("/c/no-such-contest", form(email("lost"), null, null, null));

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(text(page)).contains("We couldn't find this contest");
        assertThat(posted.status()).isEqualTo(404);
        assertThat(text(posted)).contains("We couldn't find this contest");
    }

    private long participants(long contestId) {
        return admin.get("/api/v1/contests/" + contestId + "/stats")
                .json()
                .get("totalParticipants")
                .asLong();
    }
}
