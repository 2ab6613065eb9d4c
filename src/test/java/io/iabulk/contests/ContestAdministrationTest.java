package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Operators' side: changing contests, their life cycle, totals and winners. */
class ContestAdministrationTest extends HttpTest {

    @Test
    void patchChangesOnlyTheFieldsSentAndNullClears() {
        Map<String, Object> body = new java.util.HashMap<>(contest());
        body.put("endsAt", "2099-01-01T00:00:00Z");
        long id = admin.post("/api/v1/contests", body).json().get("id").asLong();

        Api.Response patched = admin.patch(
                "/api/v1/contests/" + id,
                "{\"pointsPerReferral\": 25, \"endsAt\": null, \"milestones\": [{\"referrals\": 5, \"reward\": \"Hoodie\"}]}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode contest = patched.json();
        assertThat(contest.get("pointsPerReferral").asInt()).isEqualTo(25);
        assertThat(contest.get("endsAt").isNull()).isTrue();
        assertThat(contest.get("name").asString()).isEqualTo(body.get("name"));
        assertThat(contest.get("milestones").get(0).get("reward").asString()).isEqualTo("Hoodie");
    }

    @Test
    void patchRefusesUnknownFieldsStatusAndBadValuesAndChangesNothing() {
        long id = admin.post("/api/v1/contests", contest()).json().get("id").asLong();
        String before = admin.get("/api/v1/contests/" + id).body();

        Api.Response refused = admin.patch(
                "/api/v1/contests/" + id,
                "{\"status\": \"ACTIVE\", \"nmae\": \"typo\", \"pointsPerSignup\": \"x\", \"name\": null}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("status", "nmae", "pointsPerSignup", "name");
        assertThat(admin.get("/api/v1/contests/" + id).body()).isEqualTo(before);
    }

    @Test
    void aTakenSlugIsAConflict() {
        String slug = "taken-" + io.iabulk.support.ContestTestData.unique();
        admin.post("/api/v1/contests", Map.of("name", "One", "slug", slug));

        Api.Response second = admin.post("/api/v1/contests", Map.of("name", "Two", "slug", slug));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).isEqualTo("urn:iabulk:problem:slug-taken");
    }

    @Test
    void lifeCycleIsDraftActiveEndedAndNotBack() {
        long id = admin.post("/api/v1/contests", contest()).json().get("id").asLong();

        assertThat(admin.post("/api/v1/contests/" + id + "/end").status()).isEqualTo(409);
        assertThat(admin.post("/api/v1/contests/" + id + "/activate")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        assertThat(admin.post("/api/v1/contests/" + id + "/activate").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/contests/" + id + "/end")
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ENDED");
        assertThat(admin.post("/api/v1/contests/" + id + "/activate").status()).isEqualTo(409);
        assertThat(api.post("/api/v1/contests/" + id + "/signups", signup(email("late")))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void listsContestsNewestFirstInPages() {
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(
                    admin.post("/api/v1/contests", contest()).json().get("id").asLong());
        }

        JsonNode first = admin.get("/api/v1/contests?limit=2").json();
        JsonNode second = admin.get("/api/v1/contests?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .json();

        assertThat(first.get("items").get(0).get("id").asLong()).isEqualTo(created.get(2));
        assertThat(first.get("items").get(1).get("id").asLong()).isEqualTo(created.get(1));
        assertThat(second.get("items").get(0).get("id").asLong()).isEqualTo(created.get(0));
    }

    @Test
    void statsCountParticipantsConfirmationsCreditsAndFlags() {
        long id = activeContest(admin, contest());
        JsonNode alice = join(id, email("alice"), null, 1);
        join(id, email("bob"), alice.get("referralCode").asString(), 2);
        join(
                id,
                "carol" + io.iabulk.support.ContestTestData.unique() + "@mailinator.com",
                alice.get("referralCode").asString(),
                3);

        JsonNode stats = admin.get("/api/v1/contests/" + id + "/stats").json();

        assertThat(stats.get("totalParticipants").asLong()).isEqualTo(3);
        assertThat(stats.get("confirmedParticipants").asLong()).isZero();
        assertThat(stats.get("totalReferrals").asLong()).isZero();
        assertThat(stats.get("flaggedReferrals").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/contests/" + id + "/stats").status()).isEqualTo(401);
    }

    @Test
    void winnersAreTheTopOrAReproducibleDrawWeightedByPoints() {
        long id = activeContest(admin, contestWithoutConfirmation());
        List<JsonNode> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(join(id, email("p" + i), null, 10 + i));
        }
        // p0 gets 3 referrals, p1 gets 2, p2 gets 1
        int network = 40;
        for (int referrer = 0; referrer < 3; referrer++) {
            for (int n = 0; n < 3 - referrer; n++) {
                join(
                        id,
                        email("friend"),
                        people.get(referrer).get("referralCode").asString(),
                        network++);
            }
        }

        JsonNode top = admin.get("/api/v1/contests/" + id + "/winners?limit=3&mode=top")
                .json();
        assertThat(top.get("winners")
                        .valueStream()
                        .map(w -> w.get("participantId").asLong()))
                .containsExactly(
                        people.get(0).get("participantId").asLong(),
                        people.get(1).get("participantId").asLong(),
                        people.get(2).get("participantId").asLong());
        assertThat(top.get("winners").get(0).get("email").asString()).contains("@example.com");

        String draw = "/api/v1/contests/" + id + "/winners?limit=2&mode=weighted-draw&seed=42";
        JsonNode once = admin.get(draw).json();
        JsonNode again = admin.get(draw).json();
        assertThat(once.get("seed").asLong()).isEqualTo(42);
        assertThat(once.get("winners")).isEqualTo(again.get("winners"));
        assertThat(once.get("winners").size()).isEqualTo(2);
        // only people with points can be drawn: the three referrers
        List<Long> referrers = people.subList(0, 3).stream()
                .map(p -> p.get("participantId").asLong())
                .toList();
        assertThat(once.get("winners")
                        .valueStream()
                        .map(w -> w.get("participantId").asLong()))
                .allMatch(referrers::contains);
        assertThat(admin.get("/api/v1/contests/" + id + "/winners?mode=lottery").status())
                .isEqualTo(400);
    }

    @Test
    void winnersAsCsv() {
        long id = activeContest(admin, contestWithoutConfirmation());
        join(id, "jane" + io.iabulk.support.ContestTestData.unique() + "@example.com", null, 60);

        Api.Response csv = admin.with("Accept", "text/csv").get("/api/v1/contests/" + id + "/winners?limit=5");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().toList())
                .first()
                .isEqualTo("rank,participantId,displayName,email,referrals,points");
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body().lines().toList().get(1)).startsWith("1,").contains("@example.com");
    }

    @Test
    void aWinnerWhoseNameIsAFormulaIsNeutralisedInTheCsv() {
        long id = activeContest(admin, contestWithoutConfirmation());
        Api.Response joined = api.with("X-Forwarded-For", "10.88.61.1")
                .post(
                        "/api/v1/contests/" + id + "/signups",
                        Map.of(
                                "email",
                                "formula" + io.iabulk.support.ContestTestData.unique() + "@example.com",
                                "firstName",
                                "=HYPERLINK(\"http://evil.example\")"));
        assertThat(joined.status()).as(joined.body()).isEqualTo(201);

        Api.Response csv = admin.with("Accept", "text/csv").get("/api/v1/contests/" + id + "/winners?limit=5");

        assertThat(csv.body().lines().toList().get(1)).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\",");
    }

    private JsonNode join(long contest, String address, String code, int network) {
        Api.Response r = api.with("X-Forwarded-For", "10.88." + network + ".1")
                .post(
                        "/api/v1/contests/" + contest + "/signups",
                        code == null ? signup(address) : signup(address, code));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }
}
