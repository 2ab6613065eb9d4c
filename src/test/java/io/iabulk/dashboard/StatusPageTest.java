package io.iabulk.dashboard;

import static io.iabulk.dashboard.Pages.markup;
import static io.iabulk.dashboard.Pages.slugOf;
import static io.iabulk.dashboard.Pages.text;
import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusPageTest extends HttpTest {

    Api visitor;

    @BeforeEach
    void clients() {
        visitor = Pages.visitor(port);
    }

    @Test
    void showsRankPointsReferralsTheNextMilestoneAndTheLinkToShare() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String slug = slugOf(admin, id);
        String aliceEmail = email("alice");
        String alice = Pages.signUp(visitor, slug, aliceEmail, "Alice", null);
        String bob = Pages.signUp(visitor, slug, email("bob"), "Bob", alice);

        Api.Response page = visitor.get("/p/" + alice);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(markup(page))
                .contains("<dt>Status</dt> <dd>Confirmed</dd>")
                .contains("<dt>Rank</dt> <dd>1</dd>")
                .contains("<dt>Points</dt> <dd>10</dd>")
                .contains("<dt>Referrals</dt> <dd>1</dd>");
        assertThat(text(page))
                .contains("Signed up as Alice")
                .contains("2 more referrals to unlock T-shirt.")
                .contains("Sticker pack (1 referral): unlocked")
                .contains("T-shirt (3 referrals): not yet");
        String referralUrl = admin.get("/api/v1/participants/" + alice)
                .json()
                .get("referralUrl")
                .asString();
        assertThat(referralUrl).endsWith("/c/" + slug + "?ref=" + alice);
        assertThat(markup(page))
                .contains("<label for=\"referral-link\">Your referral link</label>")
                .contains("<input id=\"referral-link\" type=\"text\" readonly value=\"" + referralUrl + "\">")
                .contains("href=\"mailto:?subject=")
                .contains("data-copy=\"referral-link\"")
                .contains("href=\"https://www.facebook.com/sharer/sharer.php?u="
                        + org.springframework.web.util.UriUtils.encode(
                                referralUrl, java.nio.charset.StandardCharsets.UTF_8))
                .contains(">Telegram</a>")
                .contains(">LinkedIn</a>")
                .contains(">X</a>");
        assertThat(markup(page))
                .as("one referral of the three to the T-shirt, after the sticker pack at one")
                .contains("<progress id=\"milestone-progress\" max=\"2\" value=\"0\"");
        // her own page never shows her address, only the masked name
        assertThat(page.body()).doesNotContain(aliceEmail);
        assertThat(markup(visitor.get("/p/" + bob))).contains("<dt>Rank</dt> <dd>2</dd>");
    }

    @Test
    void saysSoWhenEveryMilestoneIsReached() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("milestones", List.of(Map.of("referrals", 1, "reward", "Sticker pack")));
        long id = activeContest(admin, body);
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);
        Pages.signUp(visitor, slug, email("bob"), "Bob", alice);

        Api.Response page = visitor.get("/p/" + alice + "?joined=1");

        assertThat(text(page))
                .contains("You're in! Share your link below")
                .contains("You have reached every milestone.")
                .doesNotContain("to unlock");
    }

    @Test
    void explainsPendingFlaggedAndRejectedReferralsInPlainWords() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String aliceEmail = email("alice");
        String alice = Pages.signUp(visitor, slug, aliceEmail, "Alice", null);
        Pages.signUp(visitor, slug, "carol-" + unique() + "@mailinator.com", "Carol", alice);
        Pages.signUp(visitor, slug, aliceEmail, "Alice", alice);
        visitor.postForm("/c/" + slug, Pages.form(email("dave"), "Dave", "Smith", alice));

        Api.Response page = visitor.get("/p/" + alice);

        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page))
                .contains("Your referrals")
                .contains("Dave S., joined")
                .contains("Waiting for confirmation")
                .contains("Waiting for Dave S. to confirm their email address.")
                .contains("Carol, joined ")
                .contains("Waiting for an organiser's review: it uses a throwaway email service,"
                        + " so an organiser will review it.")
                .contains("This referral is not counted because you cannot refer yourself.");
        assertThat(markup(page)).contains("<dt>Referrals</dt> <dd>0</dd>");
        assertThat(text(page)).contains("1 more referral to unlock Sticker pack.");
    }

    @Test
    void aReferralThatDidNotCountIsExplainedEvenWhenItIsTheOnlyOne() {
        long id = activeContest(admin, contest());
        String slug = slugOf(admin, id);
        String aliceEmail = email("alice");
        String alice = Pages.signUp(visitor, slug, aliceEmail, "Alice", null);
        Pages.signUp(visitor, slug, aliceEmail, "Alice", alice);

        Api.Response page = visitor.get("/p/" + alice);

        assertThat(admin.get("/api/v1/participants/" + alice)
                        .json()
                        .get("rejectedReferrals")
                        .asInt())
                .isEqualTo(1);
        assertThat(text(page))
                .contains("Your referrals")
                .contains("This referral is not counted because you cannot refer yourself.");
    }

    @Test
    void participantsOfOneContestEachSeeTheirOwnStandingWithinTheSameSecond() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String slug = slugOf(admin, id);
        String alice = Pages.signUp(visitor, slug, email("alice"), "Alice", null);
        String bob = Pages.signUp(visitor, slug, email("bob"), "Bob", alice);

        Api.Response alicePage = visitor.get("/p/" + alice);
        Api.Response bobPage = visitor.get("/p/" + bob);

        // the contest's part of the page is shared for a second; the participant's never is
        assertThat(text(alicePage)).contains("Signed up as Alice").doesNotContain("Signed up as Bob");
        assertThat(markup(alicePage)).contains("<dt>Referrals</dt> <dd>1</dd>").contains("ref=" + alice);
        assertThat(text(bobPage)).contains("Signed up as Bob").doesNotContain("Signed up as Alice");
        assertThat(markup(bobPage)).contains("<dt>Referrals</dt> <dd>0</dd>").contains("ref=" + bob);
        assertThat(markup(alicePage)).doesNotContain("ref=" + bob);
        assertThat(alicePage.body()).doesNotContain("iabulk:hole");
    }

    @Test
    void theFramesMarkerTypedIntoTheContestIsShownAsTextAndTheStandingAppearsOnce() {
        Map<String, Object> body = contestWithoutConfirmation();
        body.put("name", "Hole <!--iabulk:hole--> " + unique());
        body.put("terms", "Rules <!--iabulk:hole--> and **more**");
        body.put("prize", "<!--iabulk:hole-->");
        String slug = slugOf(admin, activeContest(admin, body));
        String code = Pages.signUp(visitor, slug, email("ida"), "Ida", null);

        Api.Response page = visitor.get("/p/" + code);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<!--iabulk:hole-->").contains("&lt;!--iabulk:hole--&gt;");
        assertThat(text(page).split("Signed up as Ida", -1)).hasSize(2);
        assertThat(text(page).split("Your standing", -1)).hasSize(2);
    }

    @Test
    void aNameTypedWithMarkupIsShownAsText() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String code = Pages.signUp(visitor, slugOf(admin, id), email("mallory"), "<i>Mallory</i>", null);

        Api.Response page = visitor.get("/p/" + code);

        assertThat(page.body()).contains("&lt;i&gt;Mallory&lt;/i&gt;").doesNotContain("<i>Mallory");
    }

    @Test
    void anUnknownCodeIsAFriendlyHtml404() {
        Api.Response unknown = visitor.get("/p/zzzzzzzz");
        Api.Response absurd = visitor.get("/p/" + "x".repeat(200));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("text/html");
        assertThat(text(unknown)).contains("We couldn't find this page");
        assertThat(absurd.status()).isEqualTo(404);
        assertThat(absurd.header("Content-Type")).startsWith("text/html");
    }
}
