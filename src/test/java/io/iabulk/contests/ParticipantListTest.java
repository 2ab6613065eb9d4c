package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An operator's list of a contest's participants (admin API): search, filter, pages, the CSV file,
 * and the referrals one participant made, with the reasons the ones that did not count.
 */
class ParticipantListTest extends HttpTest {

    private static final AtomicInteger NETWORK = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    private long contestId;
    private String u;
    private JsonNode alice;
    private JsonNode bob;
    private JsonNode carol;
    private JsonNode formula;
    private JsonNode eve;

    /**
     * Alice confirmed; Bob (confirmed, credited) and Carol (pending) came through her link; a
     * participant whose first name is a formula; Eve wrote her address in mixed case.
     */
    @BeforeEach
    void contestWithFiveParticipants() {
        contestId = activeContest(admin, contest());
        u = unique();
        alice = join("alice-" + u + "@example.com", "Alice", null);
        confirm("alice-" + u + "@example.com");
        bob = join("bob-" + u + "@example.com", "Bob", alice.get("referralCode").asString());
        confirm("bob-" + u + "@example.com");
        carol = join(
                "carol-" + u + "@example.com",
                "Carol",
                alice.get("referralCode").asString());
        formula = join("formula-" + u + "@example.com", "=HYPERLINK(\"http://evil.example\")", null);
        eve = join("Eve.Upper-" + u + "@Example.com", "Eve", null);
        // someone of another contest, with the same kind of address, is never listed here
        long other = activeContest(admin, contest());
        Api.Response elsewhere = api.with("X-Forwarded-For", network())
                .post("/api/v1/contests/" + other + "/signups", Map.of("email", "alice-" + u + "-too@example.com"));
        assertThat(elsewhere.status()).isEqualTo(201);
    }

    @Test
    void listsEveryParticipantUnmaskedNewestFirst() {
        JsonNode page = list("");

        assertThat(ids(page)).containsExactly(id(eve), id(formula), id(carol), id(bob), id(alice));
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode a = page.get("items").get(4);
        assertThat(a.get("email").asString()).isEqualTo("alice-" + u + "@example.com");
        assertThat(a.get("firstName").asString()).isEqualTo("Alice");
        assertThat(a.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(a.get("referrals").asInt()).isEqualTo(1);
        assertThat(a.get("referralUrl").asString())
                .endsWith(alice.get("referralCode").asString());
        assertThat(a.get("confirmedAt").isNull()).isFalse();
        JsonNode c = page.get("items").get(2);
        assertThat(c.get("status").asString()).isEqualTo("PENDING");
        assertThat(c.get("confirmedAt").isNull()).isTrue();
        assertThat(c.get("referredBy").asLong()).isEqualTo(id(alice));
        assertThat(c.get("referredByEmail").asString()).isEqualTo("alice-" + u + "@example.com");
        assertThat(a.get("referredByEmail").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("limit=2" + (cursor != null ? "&cursor=" + cursor : ""));
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(id(eve), id(formula), id(carol), id(bob), id(alice));
    }

    @Test
    void filtersByStatusAndFindsByAddressPrefixOrCode() {
        assertThat(ids(list("status=confirmed"))).containsExactly(id(bob), id(alice));
        assertThat(ids(list("status=PENDING"))).containsExactly(id(eve), id(formula), id(carol));
        assertThat(ids(list("q=" + enc("ALICE-" + u)))).containsExactly(id(alice));
        assertThat(ids(list("q=" + enc("  eve.upper-" + u + "@example.COM ")))).containsExactly(id(eve));
        assertThat(ids(list("q=" + enc(bob.get("referralCode").asString())))).containsExactly(id(bob));
        assertThat(ids(list("q=" + enc("c") + "&status=CONFIRMED"))).isEmpty();
        assertThat(ids(list("q=" + enc("carol-" + u) + "&status=PENDING"))).containsExactly(id(carol));
        // wildcards of LIKE are letters like any other
        assertThat(ids(list("q=" + enc("%")))).isEmpty();
        assertThat(ids(list("q=" + enc("_lice-" + u)))).isEmpty();
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        String base = "/api/v1/contests/" + contestId + "/participants?";
        assertField(admin.get(base + "status=WINNER"), "status");
        assertField(admin.get(base + "q=" + enc("ali\u0000ce")), "q");
        assertField(admin.get(base + "q=" + enc("a\nb")), "q");
        assertField(admin.get(base + "q=" + "a".repeat(321)), "q");
        assertThat(admin.get(base + "limit=0").status()).isEqualTo(400);
        assertThat(admin.get(base + "limit=501").status()).isEqualTo(400);
        assertThat(admin.get(base + "cursor=abc").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/contests/999999999/participants").status())
                .isEqualTo(404);
        assertThat(admin.with("Accept", "text/csv")
                        .get("/api/v1/contests/999999999/participants")
                        .status())
                .isEqualTo(404);
        // the file's refusals are problems too, not a CSV
        assertField(admin.with("Accept", "text/csv").get(base + "status=WINNER"), "status");
        String referrals = "/api/v1/contests/" + contestId + "/participants/" + id(alice) + "/referrals?";
        for (String bad : List.of("cursor=abc", "limit=0", "limit=501")) {
            Api.Response refused = admin.get(referrals + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        Api.Response unknown = admin.get("/api/v1/contests/" + contestId + "/participants/999999999/referrals");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void everyRouteNeedsTheAdminKey() {
        assertThat(api.get("/api/v1/contests/" + contestId + "/participants").status())
                .isEqualTo(401);
        assertThat(api.with("Accept", "text/csv")
                        .get("/api/v1/contests/" + contestId + "/participants")
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/contests/" + contestId + "/participants/" + id(alice) + "/referrals")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void csvHoldsEveryMatchingParticipantWithFormulasNeutralised() {
        Api.Response csv = admin.with("Accept", "text/csv").get("/api/v1/contests/" + contestId + "/participants");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"contest-" + contestId + "-participants.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("participantId,email,firstName,lastName,status,referralCode,referralUrl,referredBy,"
                        + "referredByEmail,referrals,points,joinedAt,confirmedAt");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(2)).startsWith(id(formula) + ",formula-" + u + "@example.com,\"'=HYPERLINK(");
        assertThat(lines.get(3))
                .startsWith(id(carol) + ",carol-" + u + "@example.com,Carol,,PENDING,"
                        + carol.get("referralCode").asString() + ",")
                .contains("," + id(alice) + ",alice-" + u + "@example.com,0,");

        Api.Response pending =
                admin.with("Accept", "text/csv").get("/api/v1/contests/" + contestId + "/participants?status=pending");
        assertThat(pending.header("Content-Disposition")).contains("participants-pending.csv");
        assertThat(pending.body().lines().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))))
                .containsExactly(id(eve), id(formula), id(carol));
    }

    @Test
    void csvOfALargeContestHasEveryoneOnceAcrossItsBatches() {
        // three full batches and one more: the batch boundary is where a keyset loop loses or repeats a row
        int extra = 3 * ParticipantsCsv.BATCH + 1;
        insertParticipants(extra);

        Api.Response csv = admin.with("Accept", "text/csv").get("/api/v1/contests/" + contestId + "/participants");

        List<Long> ids = csv.body()
                .lines()
                .skip(1)
                .map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))
                .toList();
        assertThat(ids).hasSize(extra + 5).doesNotHaveDuplicates();
        assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(ids.getLast()).isEqualTo(id(alice));
    }

    @Test
    void referralsMadeShowEachStateAndTheOnesOfOtherParticipantsAreNotFound() {
        JsonNode made = admin.get("/api/v1/contests/" + contestId + "/participants/" + id(alice) + "/referrals")
                .json();

        assertThat(made.get("items").size()).isEqualTo(2);
        JsonNode newest = made.get("items").get(0);
        assertThat(newest.get("referee").get("email").asString()).isEqualTo("carol-" + u + "@example.com");
        assertThat(newest.get("status").asString()).isEqualTo("PENDING");
        assertThat(newest.get("referrer").get("participantId").asLong()).isEqualTo(id(alice));
        assertThat(made.get("items").get(1).get("referee").get("participantId").asLong())
                .isEqualTo(id(bob));
        assertThat(made.get("items").get(1).get("status").asString()).isEqualTo("CREDITED");

        JsonNode onePage = admin.get(
                        "/api/v1/contests/" + contestId + "/participants/" + id(alice) + "/referrals?limit=1")
                .json();
        assertThat(onePage.get("items").size()).isEqualTo(1);
        JsonNode second = admin.get(
                        "/api/v1/contests/" + contestId + "/participants/" + id(alice) + "/referrals?limit=1&cursor="
                                + onePage.get("nextCursor").asString())
                .json();
        assertThat(second.get("items")
                        .get(0)
                        .get("referee")
                        .get("participantId")
                        .asLong())
                .isEqualTo(id(bob));

        assertThat(admin.get("/api/v1/contests/" + contestId + "/participants/" + id(bob) + "/referrals")
                        .json()
                        .get("items")
                        .size())
                .isZero();
        long other = activeContest(admin, contest());
        assertThat(admin.get("/api/v1/contests/" + other + "/participants/" + id(alice) + "/referrals")
                        .status())
                .isEqualTo(404);
    }

    private void insertParticipants(int count) {
        String tag = "bulk" + u;
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        SELECT :tag || n || '@example.com', :tag || n || '@example.com', 'ACTIVE', now(), now()
                        FROM generate_series(1, :count) n
                        """).param("tag", tag).param("count", count).update();
        jdbc.sql("""
                        INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized,
                            referral_code, status, referrals, points, created_at)
                        SELECT :contest, c.id, c.email, c.email_normalized, substr(md5(c.email), 1, 16), 'PENDING', 0, 0,
                            now() - interval '1 day'
                        FROM contacts c WHERE c.email LIKE :tag || '%'
                        ORDER BY c.id
                        """).param("contest", contestId).param("tag", tag).update();
    }

    private JsonNode list(String query) {
        Api.Response r = admin.get("/api/v1/contests/" + contestId + "/participants?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<Long> ids(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(p -> p.get("participantId").asLong())
                .toList();
    }

    private static long id(JsonNode signup) {
        return signup.get("participantId").asLong();
    }

    private static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors").findValuesAsString("field")).containsExactly(field);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode join(String address, String firstName, String code) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", address);
        body.put("firstName", firstName);
        if (code != null) {
            body.put("referralCode", code);
        }
        Api.Response r =
                api.with("X-Forwarded-For", network()).post("/api/v1/contests/" + contestId + "/signups", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private void confirm(String address) {
        String token = TestMail.confirmationToken(address);
        assertThat(api.postForm("/confirm/" + token, Map.of()).status()).isEqualTo(200);
    }

    private static String network() {
        int n = NETWORK.incrementAndGet();
        return "10.61." + (n / 250 % 250) + "." + (n % 250 + 1);
    }
}
