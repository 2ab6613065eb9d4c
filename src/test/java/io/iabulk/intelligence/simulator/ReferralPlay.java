package io.iabulk.intelligence.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.support.Api;
import io.iabulk.support.MutableClock;
import io.iabulk.support.RecordedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Plays a {@link ReferralWorld} through the public API in time order (signups with {@code
 * X-Forwarded-For} and {@code User-Agent}, the confirmation form), the app's clock pinned to each
 * step's simulated instant, then reads every referral's risk back through the admin API. Optionally
 * an operator reviews the held referrals every {@code reviewEvery} of simulated time, deciding by
 * the world's truth (a fake is rejected, a genuine referral approved): the decisions a learned
 * model trains on. Shared by {@link ReferralRiskMeasurement} and {@link
 * ReferralRiskModelMeasurement}.
 */
final class ReferralPlay {

    /** What the app decided about one referral, with the truth. */
    record Outcome(
            boolean fake,
            String ring,
            String status,
            String reason,
            String level,
            double score,
            List<String> reasons) {}

    /**
     * A played world.
     *
     * @param end the simulated instant of its last step (and last review)
     * @param approved decisions that approved a held referral
     * @param rejected decisions that rejected one
     */
    record Played(
            long contestId,
            List<Outcome> outcomes,
            int requests,
            double seconds,
            Instant end,
            int approved,
            int rejected) {}

    private final int port;
    private final MutableClock clock;
    private final RecordedEvents events;

    ReferralPlay(int port, MutableClock clock, RecordedEvents events) {
        this.port = port;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Plays the world in a new contest from {@code start}; with {@code reviewEvery} (null: never) an
     * operator decides the held referrals at that rhythm and once more at the end, ten simulated
     * seconds per decision.
     */
    Played play(ReferralWorld world, Instant start, Duration reviewEvery) {
        Api admin = Api.at(port).admin();
        clock.reset();
        Map<String, Object> contest = new LinkedHashMap<>();
        contest.put("name", "Referral risk world " + world.parameters().seed() + " " + System.nanoTime());
        long contestId =
                admin.post("/api/v1/contests", contest).json().get("id").asLong();
        assertThat(admin.post("/api/v1/contests/" + contestId + "/activate").status())
                .isEqualTo(200);

        // signups and confirmations in time order; the clock pinned to each one's simulated instant
        record Step(long atMillis, int order, ReferralWorld.Person person, boolean confirm) {}
        List<Step> steps = new ArrayList<>();
        for (ReferralWorld.Person p : world.people()) {
            steps.add(new Step(p.signupAtSeconds() * 1000, p.id(), p, false));
            if (p.confirmAfterMillis() != null) {
                steps.add(new Step(p.signupAtSeconds() * 1000 + p.confirmAfterMillis(), p.id(), p, true));
            }
        }
        steps.sort((a, b) -> a.atMillis() != b.atMillis()
                ? Long.compare(a.atMillis(), b.atMillis())
                : a.confirm() != b.confirm() ? (a.confirm() ? 1 : -1) : Integer.compare(a.order(), b.order()));
        Map<Integer, String> codes = new HashMap<>();
        Map<Integer, Long> participantIds = new HashMap<>();
        Map<Long, ReferralWorld.Person> byParticipant = new HashMap<>();
        long began = System.nanoTime();
        int requests = 0;
        int[] decisions = new int[2];
        Instant nextReview = reviewEvery == null ? null : start.plus(reviewEvery);
        Instant at = start;
        for (Step step : steps) {
            at = start.plusMillis(step.atMillis());
            if (nextReview != null && !at.isBefore(nextReview)) {
                requests += review(admin, contestId, byParticipant, nextReview, decisions);
                while (!at.isBefore(nextReview)) {
                    nextReview = nextReview.plus(reviewEvery);
                }
            }
            clock.pin(at);
            ReferralWorld.Person p = step.person();
            if (!step.confirm()) {
                Map<String, Object> body = new HashMap<>();
                body.put("email", p.email());
                if (p.referrer() >= 0) {
                    body.put("referralCode", codes.get(p.referrer()));
                }
                Api.Response r = Api.at(port)
                        .with("X-Forwarded-For", p.ip())
                        .with("User-Agent", p.userAgent())
                        .post("/api/v1/contests/" + contestId + "/signups", body);
                requests++;
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                codes.put(p.id(), r.json().get("referralCode").asString());
                long participantId = r.json().get("participantId").asLong();
                participantIds.put(p.id(), participantId);
                byParticipant.put(participantId, p);
            } else {
                long participantId = participantIds.get(p.id());
                String token = events.of(ParticipantSignedUp.class, e -> e.participantId() == participantId)
                        .getLast()
                        .confirmationToken();
                Api.Response r = Api.at(port)
                        .with("X-Forwarded-For", p.ip())
                        .with("User-Agent", p.userAgent())
                        .postForm("/confirm/" + token, Map.of());
                requests++;
                assertThat(r.status())
                        .as("confirming %s %d ms after signing up: %s", p, p.confirmAfterMillis(), r.body())
                        .isEqualTo(200);
            }
        }
        Instant end = at.plus(Duration.ofMinutes(1));
        if (reviewEvery != null) {
            requests += review(admin, contestId, byParticipant, end, decisions);
            end = clock.instant();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        clock.reset();
        return new Played(
                contestId,
                outcomes(admin, contestId, byParticipant),
                requests,
                seconds,
                end,
                decisions[0],
                decisions[1]);
    }

    /** The operator's pass over the review queue at {@code at}: every held referral decided by the truth. */
    private int review(
            Api admin, long contestId, Map<Long, ReferralWorld.Person> byParticipant, Instant at, int[] decisions) {
        int requests = 0;
        Instant now = at;
        List<JsonNode> held = new ArrayList<>();
        long cursor = 0;
        while (true) {
            clock.pin(now);
            JsonNode page = admin.get(
                            "/api/v1/contests/" + contestId + "/referrals?status=FLAGGED&limit=500&cursor=" + cursor)
                    .json();
            requests++;
            page.get("items").forEach(held::add);
            JsonNode next = page.get("nextCursor");
            if (next == null || next.isNull()) {
                break;
            }
            cursor = next.asLong();
        }
        for (JsonNode referral : held) {
            ReferralWorld.Person referee =
                    byParticipant.get(referral.get("refereeId").asLong());
            now = now.plusSeconds(10);
            clock.pin(now);
            boolean approve = !referee.fake();
            Api.Response r =
                    admin.post("/api/v1/referrals/" + referral.get("id").asLong() + (approve ? "/approve" : "/reject"));
            requests++;
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            decisions[approve ? 0 : 1]++;
        }
        return requests;
    }

    /** Every referral of the contest with its risk, next to the truth of its referee. */
    static List<Outcome> outcomes(Api admin, long contestId, Map<Long, ReferralWorld.Person> byParticipant) {
        List<Outcome> outcomes = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode page = admin.get("/api/v1/contests/" + contestId + "/referrals?limit=500&cursor=" + cursor)
                    .json();
            for (JsonNode r : page.get("items")) {
                ReferralWorld.Person referee =
                        byParticipant.get(r.get("refereeId").asLong());
                JsonNode risk = r.get("risk");
                List<String> reasons = new ArrayList<>();
                if (risk != null && !risk.isNull()) {
                    risk.get("reasons").forEach(x -> reasons.add(x.get("code").asString()));
                }
                outcomes.add(new Outcome(
                        referee.fake(),
                        referee.ring(),
                        r.get("status").asString(),
                        r.get("reason").isNull() ? null : r.get("reason").asString(),
                        risk == null || risk.isNull()
                                ? "NONE"
                                : risk.get("level").asString(),
                        risk == null || risk.isNull() ? 0 : risk.get("score").asDouble(),
                        reasons));
            }
            JsonNode next = page.get("nextCursor");
            if (next == null || next.isNull()) {
                break;
            }
            cursor = next.asLong();
        }
        return outcomes;
    }
}
