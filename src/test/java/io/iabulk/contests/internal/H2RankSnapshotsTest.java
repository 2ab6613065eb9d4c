package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.internal.JdbcRankSnapshots.Compared;
import io.iabulk.support.H2Databases;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The digest's SQL on H2 (embedded mode), with the PostgreSQL statements: the window of confirmed
 * participants in leaderboard order, the due filter, first snapshots, the guarded renewal and the
 * lease.
 */
class H2RankSnapshotsTest {

    private final DataSource dataSource = H2Databases.migrated();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JdbcRankSnapshots snapshots =
            new JdbcRankSnapshots(jdbc, new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));

    @Test
    void comparesConfirmedParticipantsInLeaderboardOrderAndRenewsDueSnapshotsOnce() {
        long contest = contest();
        Instant t0 = Instant.parse("2026-12-10T06:00:00Z");
        long ada = participant(contest, "ada", "CONFIRMED", 1, 10, t0.minusSeconds(50));
        long bob = participant(contest, "bob", "CONFIRMED", 1, 10, t0.minusSeconds(40));
        long cyd = participant(contest, "cyd", "CONFIRMED", 3, 30, t0.minusSeconds(30));
        long una = participant(contest, "una", "PENDING", 9, 90, t0.minusSeconds(20));

        assertThat(snapshots.due(contest, t0)).as("none taken yet").isTrue();
        List<Compared> first = due(contest, t0);
        assertThat(first)
                .containsExactly(
                        new Compared(cyd, 1, null, null),
                        new Compared(ada, 2, null, null),
                        new Compared(bob, 3, null, null));
        assertThat(snapshots.insertBaselines(contest, first, t0)).isEqualTo(3);
        assertThat(snapshots.insertBaselines(contest, first, t0))
                .as("taken already")
                .isZero();
        assertThat(snapshots.due(contest, t0.minusSeconds(1))).isFalse();
        assertThat(due(contest, t0.minusSeconds(1))).isEmpty();

        // Bob climbs to the top; a day later all three are due, Una still has no place
        jdbc.sql("UPDATE contest_participants SET referrals = 5 WHERE id = :id")
                .param("id", bob)
                .update();
        Instant t1 = t0.plus(Duration.ofHours(25));
        Instant dueAt = t1.minus(Duration.ofDays(1));
        assertThat(snapshots.due(contest, dueAt)).isTrue();
        List<Compared> next = due(contest, dueAt);
        assertThat(next)
                .containsExactly(
                        new Compared(bob, 1, 3L, t0), new Compared(cyd, 2, 1L, t0), new Compared(ada, 3, 2L, t0));
        assertThat(snapshots.advance(next, Set.of(bob), dueAt, t1)).containsExactly(true, true, true);
        assertThat(snapshots.advance(next, Set.of(bob), dueAt, t1))
                .as("renewed already: not due any more")
                .containsExactly(false, false, false);
        assertThat(jdbc.sql("SELECT rank FROM participant_rank_snapshots WHERE participant_id = :p")
                        .param("p", bob)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM participant_rank_snapshots WHERE mailed_at IS NOT NULL")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM participant_rank_snapshots WHERE participant_id = :p")
                        .param("p", una)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void oneHolderAtATimeUntilTheLeasePasses() {
        Instant now = Instant.parse("2026-12-10T06:00:00Z");
        assertThat(snapshots.lease("a", now.plusSeconds(600), now)).isTrue();
        assertThat(snapshots.lease("b", now.plusSeconds(600), now.plusSeconds(1)))
                .isFalse();
        assertThat(snapshots.lease("a", now.plusSeconds(700), now.plusSeconds(1)))
                .as("renewed")
                .isTrue();
        assertThat(snapshots.lease("b", now.plusSeconds(1300), now.plusSeconds(701)))
                .as("passed")
                .isTrue();
        snapshots.release("a");
        assertThat(snapshots.lease("a", now.plusSeconds(1400), now.plusSeconds(702)))
                .as("b holds it")
                .isFalse();
        snapshots.release("b");
        assertThat(snapshots.lease("a", now.plusSeconds(1400), now.plusSeconds(702)))
                .isTrue();
    }

    private List<Compared> due(long contest, Instant dueAt) {
        List<Compared> all = new ArrayList<>();
        snapshots.forEachDue(contest, dueAt, 2, all::addAll);
        all.sort(java.util.Comparator.comparingLong(Compared::rank)); // the stream comes in no order of its own
        return all;
    }

    private long contest() {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contests (slug, name, status, points_per_signup, points_per_referral,
                            require_confirmation, milestones, created_at, updated_at, rank_digest)
                        VALUES ('digest', 'Digest', 'ACTIVE', 0, 10, FALSE, '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, TRUE)
                        """).update(key, "id");
        return key.getKey().longValue();
    }

    private long participant(long contest, String name, String status, int referrals, int points, Instant createdAt) {
        GeneratedKeyHolder contact = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:e, :e, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("e", name + "@example.com").update(contact, "id");
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, referral_code,
                            status, referrals, points, created_at)
                        VALUES (:contest, :contact, :e, :e, :code, :status, :referrals, :points, :created)
                        """)
                .param("contest", contest)
                .param("contact", contact.getKey().longValue())
                .param("e", name + "@example.com")
                .param("code", name.toUpperCase())
                .param("status", status)
                .param("referrals", referrals)
                .param("points", points)
                .param("created", Timestamp.from(createdAt))
                .update(key, "id");
        return key.getKey().longValue();
    }
}
