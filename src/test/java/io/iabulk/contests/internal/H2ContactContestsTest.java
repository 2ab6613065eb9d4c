package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ContactContestFacts;
import io.iabulk.support.H2Databases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Contacts' participations summed over contests, on H2 (embedded mode), with the PostgreSQL SQL. */
class H2ContactContestsTest {

    private final JdbcClient jdbc = JdbcClient.create(H2Databases.migrated());
    private final JdbcContactContests contests = new JdbcContactContests(jdbc);

    @Test
    void sumsEveryContestOfAContact() {
        long ada = contact("ada@example.com");
        long bob = contact("bob@example.com");
        long spring = contest("spring");
        long summer = contest("summer");
        Instant first = Instant.parse("2026-03-01T09:00:00Z");
        participant(spring, ada, "CONFIRMED", 2, first.plusSeconds(3600), "a1");
        participant(summer, ada, "CONFIRMED", 1, first, "a2");
        participant(summer, bob, "PENDING", 0, null, "b1");

        var facts = contests.of(List.of(ada, bob, 999L));

        assertThat(facts).containsOnlyKeys(ada, bob);
        assertThat(facts.get(ada)).isEqualTo(new ContactContestFacts(2, 3, first));
        assertThat(facts.get(bob)).isEqualTo(new ContactContestFacts(0, 0, null));
        assertThat(contests.of(List.of())).isEmpty();
    }

    private long contact(String email) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:e, :e, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("e", email).update(key, "id");
        return key.getKey().longValue();
    }

    private long contest(String slug) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contests (slug, name, status, points_per_signup, points_per_referral,
                            require_confirmation, milestones, created_at, updated_at)
                        VALUES (:slug, :slug, 'ACTIVE', 0, 10, FALSE, '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("slug", slug).update(key, "id");
        return key.getKey().longValue();
    }

    private void participant(long contest, long contact, String status, int referrals, Instant confirmed, String code) {
        jdbc.sql("""
                        INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, referral_code,
                            status, referrals, points, confirmed_at, created_at)
                        SELECT :contest, id, email, email_normalized, :code, :status, :referrals, 0, :confirmed,
                            CURRENT_TIMESTAMP
                        FROM contacts WHERE id = :contact
                        """)
                .param("contest", contest)
                .param("contact", contact)
                .param("code", code)
                .param("status", status)
                .param("referrals", referrals)
                .param("confirmed", confirmed == null ? null : Timestamp.from(confirmed))
                .update();
    }
}
