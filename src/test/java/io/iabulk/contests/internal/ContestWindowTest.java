package io.iabulk.contests.internal;

import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A contest takes signups only inside its window, and the scheduler ends it when it closes. */
class ContestWindowTest extends HttpTest {

    @Autowired
    ContestScheduler scheduler;

    @Test
    void signupsBeforeTheStartAreRefused() {
        Map<String, Object> body = new HashMap<>(contest());
        body.put("startsAt", Instant.now().plusSeconds(3_600).toString());
        long id = activate(body);

        assertThat(api.post("/api/v1/contests/" + id + "/signups", signup(email("early")))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aContestPastItsEndRefusesSignupsAndIsEndedByTheScheduler() throws InterruptedException {
        Map<String, Object> body = new HashMap<>(contest());
        body.put("endsAt", Instant.now().plusMillis(1_500).toString());
        long id = activate(body);
        assertThat(api.post("/api/v1/contests/" + id + "/signups", signup(email("in-time")))
                        .status())
                .isEqualTo(201);

        Thread.sleep(1_600);

        assertThat(api.post("/api/v1/contests/" + id + "/signups", signup(email("late")))
                        .status())
                .isEqualTo(409);
        // (the scheduled tick may have got there first; either way the scheduler ended it)
        scheduler.runOnce();
        assertThat(admin.get("/api/v1/contests/" + id).json().get("status").asString())
                .isEqualTo("ENDED");
        assertThat(scheduler.runOnce()).doesNotContain(id);
    }

    private long activate(Map<String, Object> body) {
        long id = admin.post("/api/v1/contests", body).json().get("id").asLong();
        assertThat(admin.post("/api/v1/contests/" + id + "/activate").status()).isEqualTo(200);
        return id;
    }
}
