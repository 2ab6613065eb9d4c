package io.iabulk.contests.internal;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.ContestTestData.signup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.NextMilestone;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.platform.NotFoundException;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ParticipationsTest extends HttpTest {

    @Autowired
    ContestService contests;

    @Autowired
    SqlLeaderboard sql;

    @Autowired
    JdbcParticipantRepository participants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Leaderboards leaderboards;

    @Test
    void participationsOfABatchCarryStandingRankAndNextMilestone() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, "alice", null);
        JsonNode bob = join(contest, "bob", null);
        JsonNode carol = join(contest, "carol", code(alice));
        join(contest, "dave", code(alice));
        join(contest, "erin", code(alice));
        join(contest, "frank", code(bob));
        long other = activeContest(admin, contestWithoutConfirmation());
        JsonNode outsider = join(other, "olga", null);
        List<Long> contacts = List.of(contact(alice), contact(bob), contact(carol), contact(outsider));

        // ranks come from the store (Redis, one pipelined round trip) once it holds the contest
        await().atMost(Duration.ofSeconds(10)).until(() -> leaderboards.servedByStore(contest));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(contests.participations(contest, contacts)
                                .get(contact(bob))
                                .rank())
                        .isEqualTo(2));
        Map<Long, ContestParticipation> found = contests.participations(contest, contacts);

        assertThat(found).containsOnlyKeys(contact(alice), contact(bob), contact(carol));
        ContestParticipation a = found.get(contact(alice));
        assertThat(a.rank()).isEqualTo(1);
        assertThat(a.referrals()).isEqualTo(3);
        assertThat(a.points()).isEqualTo(30);
        assertThat(a.status()).isEqualTo(ParticipantStatus.CONFIRMED);
        assertThat(a.referralUrl()).isEqualTo(alice.get("referralUrl").asString());
        assertThat(a.nextMilestone()).isNull(); // both milestones (1 and 3) reached
        ContestParticipation b = found.get(contact(bob));
        assertThat(b.nextMilestone()).isEqualTo(new NextMilestone(3, "T-shirt", 2));
        ContestParticipation c = found.get(contact(carol));
        assertThat(c.rank()).isEqualTo(3);
        assertThat(c.nextMilestone()).isEqualTo(new NextMilestone(1, "Sticker pack", 1));
        assertThat(contests.participations(contest, List.of())).isEmpty();
        assertThatThrownBy(() -> contests.participations(987654321L, contacts)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theSqlFallbackRanksABatchInOneQueryAsTheLeaderboardDoes() {
        long contest = activeContest(admin, contestWithoutConfirmation());
        JsonNode alice = join(contest, "alice", null);
        JsonNode bob = join(contest, "bob", null);
        join(contest, "carol", code(bob));
        JsonNode dave = join(contest, "dave", null);
        List<Long> ids = List.of(id(alice), id(bob), id(dave));

        Map<Long, Long> ranks = sql.ranks(contest, ids);

        // bob has a referral; alice and dave tie on counts and are ordered by signup
        assertThat(ranks).containsExactlyInAnyOrderEntriesOf(Map.of(id(bob), 1L, id(alice), 2L, id(dave), 4L));
        for (Long id : ids) {
            assertThat(sql.rank(contest, participants.find(id).orElseThrow().standing()))
                    .isEqualTo(ranks.get(id));
        }
    }

    private JsonNode join(long contest, String who, String referralCode) {
        return api.post(
                        "/api/v1/contests/" + contest + "/signups",
                        referralCode == null ? signup(email(who)) : signup(email(who), referralCode))
                .json();
    }

    private static String code(JsonNode participant) {
        return participant.get("referralCode").asString();
    }

    private static long id(JsonNode participant) {
        return participant.get("participantId").asLong();
    }

    private long contact(JsonNode participant) {
        return jdbc.sql("SELECT contact_id FROM contest_participants WHERE referral_code = :code")
                .param("code", code(participant))
                .query(Long.class)
                .single();
    }
}
