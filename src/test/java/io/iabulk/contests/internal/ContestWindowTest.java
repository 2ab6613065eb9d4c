package io.iabulk.contests.internal;

import static io.iabulk.support.ContestTestData.contest;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import io.iabulk.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A contest takes signups only inside its window, and the scheduler ends it when it closes. The
 * clock is pinned and stepped to the edges of the window, to the millisecond.
 */
class ContestWindowTest extends HttpTest {

    private static final Duration MILLI = Duration.ofMillis(1);

    @Autowired
    ContestScheduler scheduler;

    @Autowired
    MutableClock clock;

    private Instant now;

    @BeforeEach
    void pinTheClock() {
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pin(now);
    }

    @AfterEach
    void releaseTheClock() {
        clock.reset();
    }

    @Test
    void signupsAreRefusedBeforeTheStartAndTakenFromIt() {
        long id = activate("startsAt", now.plusSeconds(10));

        assertThat(signUp(id, "early")).isEqualTo(409);
        clock.advance(Duration.ofSeconds(10).minus(MILLI));
        assertThat(signUp(id, "still-early")).isEqualTo(409);
        clock.advance(MILLI);
        assertThat(signUp(id, "on-time")).isEqualTo(201);
    }

    @Test
    void aContestPastItsEndRefusesSignupsAndIsEndedByTheScheduler() {
        long id = activate("endsAt", now.plusSeconds(10));
        assertThat(signUp(id, "in-time")).isEqualTo(201);

        clock.advance(Duration.ofSeconds(10).minus(MILLI));
        assertThat(signUp(id, "last-minute")).isEqualTo(201);
        assertThat(scheduler.runOnce()).doesNotContain(id);
        assertThat(status(id)).isEqualTo("ACTIVE");

        clock.advance(MILLI);
        assertThat(signUp(id, "late")).isEqualTo(409);
        // (the scheduled tick may get there first; either way the scheduler ends it)
        scheduler.runOnce();
        assertThat(status(id)).isEqualTo("ENDED");
        assertThat(scheduler.runOnce()).doesNotContain(id);
    }

    private long activate(String field, Instant value) {
        Map<String, Object> body = new HashMap<>(contest());
        body.put(field, value.toString());
        long id = admin.post("/api/v1/contests", body).json().get("id").asLong();
        assertThat(admin.post("/api/v1/contests/" + id + "/activate").status()).isEqualTo(200);
        return id;
    }

    private int signUp(long contest, String who) {
        return api.post("/api/v1/contests/" + contest + "/signups", signup(email(who)))
                .status();
    }

    private String status(long contest) {
        return admin.get("/api/v1/contests/" + contest).json().get("status").asString();
    }
}
