package io.iabulk.dashboard.console.contests;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The review queue with the referral risk: each item's level and reasons, the level filter, the watch list. */
@TestPropertySource(properties = "iabulk.contests.fraud.risk.enabled=true")
class ContestRiskConsoleTest extends HttpTest {

    private static final AtomicInteger NETWORK = new AtomicInteger();
    private static final String RING_BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";

    @Autowired
    AccountService accounts;

    Api viewer;

    @BeforeEach
    void signIn() {
        viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).changing(api);
    }

    private String join(long contest, String address, String code, String userAgent) {
        int n = NETWORK.incrementAndGet();
        Api visitor = Api.at(port)
                .with("X-Forwarded-For", "10.92." + (n / 250 % 250) + "." + (n % 250 + 1))
                .with("User-Agent", userAgent);
        Api.Response r = visitor.post(
                "/api/v1/contests/" + contest + "/signups",
                code == null ? Map.of("email", address) : Map.of("email", address, "referralCode", code));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("referralCode").asString();
    }

    @Test
    void showsEachReferralsRiskWithItsReasonsAndFiltersByLevel() {
        long id = activeContest(admin, contestWithoutConfirmation());
        String code = join(id, "host" + unique() + "@example.com", null, RING_BROWSER);
        String stem = "ringo" + unique().replaceAll("[0-9]", "");
        List<String> ring = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ring.add(stem + i + "@mail" + i + ".example");
            join(id, ring.getLast(), code, RING_BROWSER);
        }

        String queue = viewer.get("/contests/" + id + "/review").body();
        assertThat(queue)
                .contains("High fraud risk")
                .contains("High risk · 0.")
                .contains("GENERATED_ADDRESSES")
                .contains("shared stem with counters")
                .contains(ring.getLast());
        assertThat(viewer.get("/contests/" + id + "/review?level=HIGH").body()).contains(ring.getLast());
        assertThat(viewer.get("/contests/" + id + "/review?level=LOW").body())
                .doesNotContain(ring.getLast())
                .contains("aria-current=\"page\">Low risk");

        // the first of the ring were credited before the ring showed: their risk rose, they are watched
        String watch = viewer.get("/contests/" + id + "/review?show=watch").body();
        assertThat(watch).contains(ring.getFirst()).contains("Watch list");
        assertThat(viewer.get("/contests/" + id + "/review?show=watch&level=%3Cscript%3E")
                        .status())
                .isEqualTo(200);
    }
}
