package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.internal.RankDigestWorker.Outcome;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The measurement of the "you moved up" digest's rounds on a large contest (docs/decisions/0027; run
 * by bench/contests/rank-digest.sh, skipped otherwise): {@code n} confirmed participants loaded with
 * set-based SQL into the test schema of the local PostgreSQL, the first round (snapshots only), a
 * tenth of them moved up, the next day's round (compare, snapshot and queue the digests), and a
 * check with nothing due. Sending is off (no send worker): the round's cost is the comparison and
 * the queueing, not the SMTP relay.
 */
@EnabledIfSystemProperty(named = "iabulk.bench.rank-digest.out", matches = ".+")
@TestPropertySource(properties = "iabulk.delivery.workers=0")
class RankDigestBench extends HttpTest {

    private static final String P = "iabulk.bench.rank-digest.";

    @Autowired
    RankDigestWorker worker;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measure() throws IOException {
        int n = Integer.getInteger(P + "participants", 100_000);
        Map<String, Object> body = ContestTestData.contestWithoutConfirmation();
        body.put("rankDigest", true);
        body.put("milestones", java.util.List.of());
        long contest = ContestTestData.activeContest(admin, body);
        String tag = ContestTestData.unique();

        long loadStarted = System.nanoTime();
        // contacts and participants in one statement; referrals spread 0-49, points 10 a referral, signups 1 ms apart
        jdbc.sql("""
                WITH c AS (
                    INSERT INTO contacts (email, email_normalized, first_name, status, created_at, updated_at)
                    SELECT 'rd-' || :tag || '-' || n || '@example.com', 'rd-' || :tag || '-' || n || '@example.com',
                           'Participant', 'ACTIVE', now(), now()
                    FROM generate_series(1, :n) AS n
                    RETURNING id, email)
                INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, first_name,
                    referral_code, status, referrals, points, confirmed_at, created_at)
                SELECT :contest, c.id, c.email, c.email, 'Participant', 'rd' || to_hex(c.id), 'CONFIRMED',
                       (c.id * 7919) % 50, (c.id * 7919) % 50 * 10, now(),
                       now() - interval '1 day' + c.id * interval '1 millisecond'
                FROM c
                """).param("tag", tag).param("n", n).param("contest", contest).update();
        jdbc.sql("ANALYZE contest_participants").update();
        jdbc.sql("ANALYZE contacts").update();
        double load = seconds(loadStarted);

        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long started = System.nanoTime();
        Outcome baseline = worker.runAt(first);
        double baselineSeconds = seconds(started);
        assertThat(baseline.baselines()).isGreaterThanOrEqualTo(n);
        jdbc.sql("ANALYZE participant_rank_snapshots").update();

        // a tenth climbs: 40 more referrals puts them above nearly everyone who did not
        jdbc.sql("""
                UPDATE contest_participants SET referrals = referrals + 40, points = points + 400
                WHERE contest_id = :contest AND id % 10 = 0
                """).param("contest", contest).update();

        started = System.nanoTime();
        Outcome next = worker.runAt(first.plus(Duration.ofHours(25)));
        double nextSeconds = seconds(started);
        long queued = jdbc.sql("""
                        SELECT count(*) FROM email_sends s JOIN templates t ON t.id = s.template_id
                        WHERE t.system_key = 'contest-rank-digest'
                          AND s.contact_id IN (SELECT contact_id FROM contest_participants WHERE contest_id = :contest)
                        """).param("contest", contest).query(Long.class).single();
        assertThat(queued).isEqualTo(next.movedUp()).isPositive();

        started = System.nanoTime();
        Outcome idle = worker.runAt(first.plus(Duration.ofHours(26)));
        double idleSeconds = seconds(started);
        assertThat(idle.compared()).isZero();
        admin.post("/api/v1/contests/" + contest + "/end");

        String section = String.format(
                Locale.ROOT,
                """
                ## Contests: the "you moved up" digest on %,d participants (issue 16, ADR 0027)

                Command: `%s`; %s; machine: %s. One contest, every participant confirmed, loaded with \
                set-based SQL in %.1f s; batches of %d; sending off (the rounds queue the digests, no worker sends them).

                | round | compared | first snapshots | moved up (digests queued) | time |
                |---|---:|---:|---:|---:|
                | first (snapshots only) | %,d | %,d | %,d | %.1f s |
                | a day later, a tenth moved up | %,d | %,d | %,d | %.1f s |
                | an hour after that (nothing due) | %,d | %,d | %,d | %.3f s |
                """,
                n,
                System.getProperty(P + "command", "bench/contests/rank-digest.sh"),
                System.getProperty(P + "date", Instant.now().toString()),
                System.getProperty(P + "machine", Runtime.getRuntime().availableProcessors() + " cores"),
                load,
                Integer.getInteger("iabulk.contests.rank-digest.batch-size", 500),
                baseline.compared(),
                baseline.baselines(),
                baseline.movedUp(),
                baselineSeconds,
                next.compared(),
                next.baselines(),
                next.movedUp(),
                nextSeconds,
                idle.compared(),
                idle.baselines(),
                idle.movedUp(),
                idleSeconds);
        Path out = Path.of(System.getProperty(P + "out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, section);
        System.out.println(section);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
