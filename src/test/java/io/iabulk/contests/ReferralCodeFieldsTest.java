package io.iabulk.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The referral code may come as {@code referralCode} (the API's name) or {@code ref} (the referral
 * link's parameter and the form's field), in the JSON API and in the signup form alike; two
 * different codes are refused.
 */
class ReferralCodeFieldsTest extends HttpTest {

    long contest;
    String slug;
    String alice;
    Api visitor;

    @BeforeEach
    void contestWithAReferrer() {
        contest = activeContest(admin, contest());
        slug = admin.get("/api/v1/contests/" + contest).json().get("slug").asString();
        alice = api.post(signups(), signup(email("alice")))
                .json()
                .get("referralCode")
                .asString();
        // the pages are rate-limited per client address: this test has one of its own
        ThreadLocalRandom random = ThreadLocalRandom.current();
        visitor = api.with("X-Forwarded-For", "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255));
    }

    @Test
    void theJsonApiTakesRefAsWellAsReferralCode() {
        Api.Response byRef = api.post(signups(), Map.of("email", email("bob"), "ref", alice));
        Api.Response both =
                api.post(signups(), Map.of("email", email("carol"), "ref", alice, "referralCode", alice.toUpperCase()));

        assertThat(byRef.status()).as(byRef.body()).isEqualTo(201);
        assertThat(both.status()).as(both.body()).isEqualTo(201);
        assertThat(pendingReferralsOf(alice)).isEqualTo(2);
    }

    @Test
    void theJsonApiRefusesTwoDifferentCodes() {
        String other = api.post(signups(), signup(email("dave")))
                .json()
                .get("referralCode")
                .asString();

        Api.Response refused = api.post(signups(), Map.of("email", email("erin"), "ref", alice, "referralCode", other));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("ref");
        assertThat(pendingReferralsOf(alice)).isZero();
        assertThat(pendingReferralsOf(other)).isZero();
    }

    @Test
    void theFormTakesReferralCodeAsWellAsRef() {
        Api.Response byCode = visitor.postForm("/c/" + slug, form(email("bob"), null, alice));
        Api.Response both = visitor.postForm("/c/" + slug, form(email("carol"), alice, alice));

        assertThat(byCode.status()).as(byCode.body()).isEqualTo(303);
        assertThat(both.status()).as(both.body()).isEqualTo(303);
        assertThat(pendingReferralsOf(alice)).isEqualTo(2);
    }

    @Test
    void theFormRefusesTwoDifferentCodes() {
        String other = api.post(signups(), signup(email("dave")))
                .json()
                .get("referralCode")
                .asString();
        String erin = email("erin");

        Api.Response refused = visitor.postForm("/c/" + slug, form(erin, alice, other));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body()).contains("two different referral codes").contains(erin);
        assertThat(pendingReferralsOf(alice)).isZero();
        assertThat(pendingReferralsOf(other)).isZero();
    }

    private String signups() {
        return "/api/v1/contests/" + contest + "/signups";
    }

    private int pendingReferralsOf(String code) {
        return admin.get("/api/v1/participants/" + code)
                .json()
                .get("pendingReferrals")
                .asInt();
    }

    private static Map<String, String> form(String email, String ref, String referralCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("ref", ref);
        form.put("referralCode", referralCode);
        return form;
    }
}
