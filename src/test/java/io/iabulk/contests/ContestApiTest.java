package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ContestApiTest extends HttpTest {

    @Test
    void createsADraftContestWithDefaultsAndLocation() {
        Api.Response created = admin.post("/api/v1/contests", Map.of("name", "Summer Waitlist!"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode contest = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/contests/" + contest.get("id").asLong());
        assertThat(contest.get("status").asString()).isEqualTo("DRAFT");
        assertThat(contest.get("slug").asString()).startsWith("summer-waitlist");
        assertThat(contest.get("pointsPerSignup").asInt()).isZero();
        assertThat(contest.get("pointsPerReferral").asInt()).isEqualTo(10);
        assertThat(contest.get("requireConfirmation").asBoolean()).isTrue();
        assertThat(contest.get("milestones").size()).isZero();
        assertThat(admin.get("/api/v1/contests/" + contest.get("id").asLong())
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("Summer Waitlist!");
    }

    @Test
    void adminEndpointsNeedTheKey() {
        Api.Response missing = api.post("/api/v1/contests", contest());
        Api.Response wrong = api.admin("not-the-key").get("/api/v1/contests");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:iabulk:problem:unauthorized");
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void invalidFieldsAreA400WithPerFieldErrors() {
        Api.Response response =
                admin.post("/api/v1/contests", Map.of("name", "", "slug", "Not A Slug", "pointsPerReferral", -1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "slug", "pointsPerReferral");
        assertThat(response.json().get("requestId").asString()).isEqualTo(response.header("X-Request-ID"));
    }

    @Test
    void controlCharactersInNamesAreA400NotADatabaseError() {
        long id = activeContest(admin, contestWithoutConfirmation());

        Api.Response signup =
                api.post("/api/v1/contests/" + id + "/signups", Map.of("email", email("nul"), "firstName", "a\u0000b"));
        Api.Response contest = admin.post("/api/v1/contests", Map.of("name", "two\nlines"));

        assertThat(signup.status()).isEqualTo(400);
        assertThat(signup.json().get("errors").get(0).get("field").asString()).isEqualTo("firstName");
        assertThat(contest.status()).isEqualTo(400);
        assertThat(contest.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void signupsAreRefusedUntilTheContestIsActive() {
        long id = admin.post("/api/v1/contests", contest()).json().get("id").asLong();

        Api.Response refused = api.post("/api/v1/contests/" + id + "/signups", signup(email("early")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:iabulk:problem:contest-not-accepting-signups");
    }

    @Test
    void creditsAReferralAtOnceWhenNoConfirmationIsNeeded() {
        long id = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = api.post("/api/v1/contests/" + id + "/signups", signup(email("alice")))
                .json();

        Api.Response bob = api.post(
                "/api/v1/contests/" + id + "/signups",
                signup(email("bob"), alice.get("referralCode").asString()));

        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.json().get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode status = api.get(
                        "/api/v1/participants/" + alice.get("referralCode").asString())
                .json();
        assertThat(status.get("referrals").asInt()).isEqualTo(1);
        assertThat(status.get("points").asInt()).isEqualTo(10);
        assertThat(status.get("rank").asLong()).isEqualTo(1);
        assertThat(status.get("nextMilestone").get("referrals").asInt()).isEqualTo(3);
        assertThat(status.get("nextMilestone").get("remaining").asInt()).isEqualTo(2);
    }
}
