package io.iabulk.dashboard.console.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The contest pages of the console over HTTP: what each role sees and may do, forms, review and winners. */
class ContestsConsoleTest extends HttpTest {

    private static final AtomicInteger NETWORK = new AtomicInteger();

    @Autowired
    AccountService accounts;

    Api editor;
    Api viewer;

    @BeforeEach
    void signIn() {
        editor = ConsoleLogin.as(Role.EDITOR, api, accounts).changing(api);
        viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).changing(api);
    }

    @Test
    void listsContestsWithSearchAndStatusFilter() {
        String name = "Console list " + unique();
        long id = created(Map.of("name", name));

        Api.Response all = editor.get("/contests");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("New contest");

        String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();
        Api.Response found = editor.get("/contests?q=" + slug.substring(slug.length() - 8));
        assertThat(found.body()).contains(name).contains("/contests/" + id);

        assertThat(editor.get("/contests?status=ACTIVE&q=" + encode(name)).body())
                .doesNotContain("/contests/" + id + "\"")
                .contains("No contest matches these filters.");
        assertThat(editor.get("/contests?status=DRAFT&sort=name&dir=asc&q=" + encode(name))
                        .body())
                .contains("/contests/" + id + "\"");
    }

    @Test
    void pagesTheListByKeyset() {
        String tag = "Paged " + unique();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ContestListController.PAGE_SIZE + 2; i++) {
            ids.add(created(Map.of("name", tag + " " + (100 + i))));
        }

        String first = editor.get("/contests?q=" + encode(tag)).body();
        assertThat(first).contains(tag + " " + (100 + ids.size() - 1)).doesNotContain(tag + " 101<");
        assertThat(first).contains("rel=\"next\"");
        String next =
                first.replaceAll("(?s).*href=\"([^\"]*after=\\d+)\".*", "$1").replace("&amp;", "&");
        String second = editor.get(next).body();
        assertThat(second).contains(tag + " 100<").contains(tag + " 101<").contains("rel=\"prev\"");
    }

    @Test
    void aViewerReadsEveryPageButChangesNothing() {
        long id = activeContest(admin, contestWithoutConfirmation());

        for (String path : List.of(
                "/contests", "/contests/" + id, "/contests/" + id + "/review", "/contests/" + id + "/winners")) {
            Api.Response page = viewer.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).doesNotContain("New contest").doesNotContain("End contest");
        }
        assertThat(viewer.get("/contests/new").status()).isEqualTo(403);
        assertThat(viewer.get("/contests/" + id + "/edit").status()).isEqualTo(403);

        assertThat(post(viewer, "/contests", "name", "Not allowed " + unique()).status())
                .isEqualTo(403);
        assertThat(post(viewer, "/contests/" + id + "/end").status()).isEqualTo(403);
        assertThat(post(viewer, "/contests/" + id + "/review/approve", "ids", "1")
                        .status())
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void createsAContestFromTheFormInTheOperatorsZone() {
        String name = "Form contest " + unique();
        Api.Response created = post(
                editor,
                "/contests",
                "name",
                name,
                "slug",
                "",
                "startsAt",
                "2027-03-01T09:30",
                "endsAt",
                "2027-03-31T18:00",
                "pointsPerSignup",
                "5",
                "pointsPerReferral",
                "20",
                "requireConfirmation",
                "true",
                "milestoneReferrals",
                "3",
                "milestoneReward",
                "T-shirt, size of choice",
                "milestoneReferrals",
                "1",
                "milestoneReward",
                "Sticker pack",
                "milestoneReferrals",
                "",
                "milestoneReward",
                "");

        assertThat(created.status()).as(created.body()).isEqualTo(303);
        String location = created.header("Location");
        assertThat(location).matches(".*/contests/\\d+$");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        JsonNode contest = admin.get("/api/v1/contests/" + id).json();
        assertThat(contest.get("name").asString()).isEqualTo(name);
        assertThat(contest.get("status").asString()).isEqualTo("DRAFT");
        // Europe/Paris is UTC+1 in March before the change to summer time
        assertThat(Instant.parse(contest.get("startsAt").asString())).isEqualTo(Instant.parse("2027-03-01T08:30:00Z"));
        assertThat(Instant.parse(contest.get("endsAt").asString())).isEqualTo(Instant.parse("2027-03-31T16:00:00Z"));
        assertThat(contest.get("pointsPerReferral").asInt()).isEqualTo(20);
        assertThat(contest.get("milestones")).hasSize(2);
        assertThat(contest.get("milestones").get(0).get("reward").asString()).isEqualTo("Sticker pack");
        assertThat(contest.get("milestones").get(1).get("reward").asString()).isEqualTo("T-shirt, size of choice");

        Api.Response page = editor.get("/contests/" + id);
        assertThat(page.body())
                .contains(name)
                .contains("This contest is a draft")
                .contains("Activate");
        assertThat(editor.get("/contests/" + id + "/edit").body())
                .contains("value=\"2027-03-01T09:30\"")
                .contains("T-shirt, size of choice");
    }

    @Test
    void showsWhatIsWrongAtEachField() {
        Api.Response refused = post(
                editor,
                "/contests",
                "name",
                "",
                "pointsPerSignup",
                "many",
                "pointsPerReferral",
                "10",
                "milestoneReferrals",
                "2",
                "milestoneReward",
                "");

        assertThat(refused.status()).isEqualTo(200);
        assertThat(post(editor.with("HX-Request", "true"), "/contests", "name", "")
                        .status())
                .isEqualTo(422);
        assertThat(refused.body())
                .contains("There are 3 problems")
                .contains("id=\"name-error\"")
                .contains("Enter a name")
                .contains("Points per signup must be a whole number")
                .contains("Enter the reward of milestone 1")
                .contains("aria-invalid=\"true\"");

        Api.Response backwards = post(
                editor,
                "/contests",
                "name",
                "Backwards " + unique(),
                "startsAt",
                "2027-05-02T10:00",
                "endsAt",
                "2027-05-01T10:00",
                "pointsPerSignup",
                "0",
                "pointsPerReferral",
                "10");
        assertThat(backwards.status()).isEqualTo(200);
        assertThat(backwards.body()).contains("End must be after the start").contains("value=\"2027-05-02T10:00\"");

        String taken = admin.get("/api/v1/contests/" + created(Map.of("name", "Taken " + unique())))
                .json()
                .get("slug")
                .asString();
        Api.Response duplicate = post(editor, "/contests", "name", "Other " + unique(), "slug", taken);
        assertThat(duplicate.status()).isEqualTo(200);
        assertThat(duplicate.body()).contains("This slug is used by another contest; choose another");
    }

    @Test
    void editsActivatesAndEndsAContest() {
        long id = created(Map.of("name", "Before " + unique()));
        String renamed = "After " + unique();

        Api.Response saved = post(
                editor,
                "/contests/" + id,
                "name",
                renamed,
                "slug",
                "after-" + unique(),
                "pointsPerSignup",
                "1",
                "pointsPerReferral",
                "15",
                "milestoneReferrals",
                "",
                "milestoneReward",
                "");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        JsonNode contest = admin.get("/api/v1/contests/" + id).json();
        assertThat(contest.get("name").asString()).isEqualTo(renamed);
        assertThat(contest.get("requireConfirmation").asBoolean()).isFalse();
        assertThat(contest.get("milestones")).isEmpty();

        assertThat(post(editor, "/contests/" + id + "/activate").status()).isEqualTo(303);
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ACTIVE");
        assertThat(post(editor, "/contests/" + id + "/end").status()).isEqualTo(303);
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ENDED");
        Api.Response again = post(editor, "/contests/" + id + "/activate");
        assertThat(again.status()).isEqualTo(303);
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ENDED");
    }

    @Test
    void editsTheSignupPageContentAndSaysWhatIsWrong() {
        long id = created(Map.of("name", "Branded " + unique()));
        String slug = admin.get("/api/v1/contests/" + id).json().get("slug").asString();

        Api.Response refused = post(
                editor,
                "/contests/" + id,
                "name",
                "Branded " + unique(),
                "slug",
                slug,
                "pointsPerSignup",
                "0",
                "pointsPerReferral",
                "10",
                "imageUrl",
                "http://insecure.example.com/a.png",
                "accentColor",
                "blue",
                "description",
                "Keeps\n  its *lines*");
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body())
                .contains("id=\"imageUrl-error\"")
                .contains("id=\"accentColor-error\"")
                .contains("Keeps\n  its *lines*");

        Api.Response saved = post(
                editor,
                "/contests/" + id,
                "name",
                "Branded " + unique(),
                "slug",
                slug,
                "pointsPerSignup",
                "0",
                "pointsPerReferral",
                "10",
                "prize",
                " A year of coffee ",
                "imageUrl",
                "https://cdn.example.com/a.png",
                "accentColor",
                "#aa3300",
                "description",
                "**Win**\n\n- one\n- two",
                "showLeaderboard",
                "true",
                "rankDigest",
                "true");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        JsonNode contest = admin.get("/api/v1/contests/" + id).json();
        assertThat(contest.get("prize").asString()).isEqualTo("A year of coffee");
        assertThat(contest.get("description").asString()).isEqualTo("**Win**\n\n- one\n- two");
        assertThat(contest.get("accentColor").asString()).isEqualTo("#aa3300");
        assertThat(contest.get("showLeaderboard").asBoolean()).isTrue();
        assertThat(contest.get("rankDigest").asBoolean()).isTrue();
        assertThat(contest.get("welcomeEmail").asBoolean()).as("left unticked").isFalse();
        assertThat(contest.get("logoUrl").isNull()).isTrue();
        assertThat(editor.get("/contests/" + id + "/edit").body())
                .contains("value=\"https://cdn.example.com/a.png\"")
                .contains("id=\"showLeaderboard\" name=\"showLeaderboard\" type=\"checkbox\" value=\"true\" checked")
                .contains("id=\"rankDigest\" name=\"rankDigest\" type=\"checkbox\" value=\"true\" checked");
    }

    @Test
    void theLivePartShowsTheLeaderboardAndFunnel() {
        long id = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(id, email("alice"), null);
        join(id, email("bob"), alice.get("referralCode").asString());

        Api.Response live = editor.get("/contests/" + id + "/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body())
                .contains("id=\"contest-live\"")
                .contains("hx-trigger=\"every 3s\"")
                .contains("Leaderboard")
                .contains("Referred someone")
                .contains("0.50") // one credited referral for two confirmed participants
                // the leader's row opens their participant page
                .contains("href=\"/contests/" + id + "/participants/"
                        + alice.get("participantId").asLong() + "\"");
    }

    @Test
    void approvesAFlaggedReferralWithItsReasonInWords() {
        long id = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(id, email("alice"), null);
        String carol = "carol" + unique() + "@sub.mailinator.com";
        join(id, carol, alice.get("referralCode").asString());

        Api.Response queue = viewer.get("/contests/" + id + "/review");
        assertThat(queue.body())
                .contains("Throwaway email address")
                .contains(carol)
                .doesNotContain("Approve selected");
        Api.Response editable = editor.get("/contests/" + id + "/review");
        assertThat(editable.body()).contains("Approve selected");

        long referral = admin.get("/api/v1/contests/" + id + "/referrals?status=FLAGGED")
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asLong();
        Api.Response approved = post(editor, "/contests/" + id + "/review/approve", "ids", Long.toString(referral));
        assertThat(approved.status()).isEqualTo(303);
        assertThat(admin.get("/api/v1/participants/" + alice.get("referralCode").asString())
                        .json()
                        .get("referrals")
                        .asInt())
                .isEqualTo(1);
        Api.Response credited = editor.get("/contests/" + id + "/review?show=credited");
        assertThat(credited.body()).contains(carol);
        assertThat(editor.get("/contests/" + id + "/review").body()).contains("Nothing to review");

        Api.Response twice = post(editor, "/contests/" + id + "/review/reject", "id", Long.toString(referral));
        assertThat(twice.status()).isEqualTo(303);
    }

    @Test
    void picksWinnersAndExportsTheDrawAsCsv() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String aliceEmail = email("alice");
        JsonNode alice = join(id, aliceEmail, null);
        join(id, email("bob"), alice.get("referralCode").asString());

        Api.Response top = editor.get("/contests/" + id + "/winners?mode=top&count=5");
        assertThat(top.body()).contains("Top 2").contains(aliceEmail).contains("Download CSV");

        Api.Response bad = editor.get("/contests/" + id + "/winners?mode=weighted-draw&count=0&seed=abc");
        assertThat(bad.body())
                .contains("Number of winners must be between 1 and 1000")
                .contains("Seed must be a whole number");

        Api.Response csv = editor.get("/contests/" + id + "/winners.csv?mode=weighted-draw&count=5&seed=42");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("seed-42");
        assertThat(csv.body()).startsWith("rank,participantId,displayName,email,referrals,points");
        assertThat(csv.body()).contains(aliceEmail);
        Api.Response fromApi = admin.with("Accept", "text/csv")
                .get("/api/v1/contests/" + id + "/winners?mode=weighted-draw&limit=5&seed=42");
        assertThat(csv.body()).isEqualTo(fromApi.body());

        assertThat(viewer.get("/contests/" + id + "/winners.csv?mode=top&count=3")
                        .status())
                .isEqualTo(200);
    }

    private long created(Map<String, Object> body) {
        Api.Response r = admin.post("/api/v1/contests", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private JsonNode join(long contest, String address, String code) {
        int n = NETWORK.incrementAndGet();
        Api visitor = Api.at(port).with("X-Forwarded-For", "10.91." + (n / 250 % 250) + "." + (n % 250 + 1));
        Api.Response r = visitor.post(
                "/api/v1/contests/" + contest + "/signups", code == null ? signup(address) : signup(address, code));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    private static Api.Response post(Api client, String path, String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&")
                    .append(encode(fields[i]))
                    .append('=')
                    .append(encode(fields[i + 1]));
        }
        return client.send(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                form.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
