package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contests.ParticipantQuery;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.platform.PrefixMatch;
import io.iabulk.support.H2Databases;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The participant search on H2 (embedded mode), the same SQL as on PostgreSQL with LIKE for the
 * prefix: address prefix case ignored, exact code, status, pages both ways, one contest only.
 */
class H2ParticipantSearchTest {

    private final DataSource dataSource = H2Databases.migrated();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JdbcParticipantSearch search = new JdbcParticipantSearch(
            jdbc, new PrefixMatch(dataSource, jdbc, new DataSourceTransactionManager(dataSource)));

    @Test
    void findsByPrefixOrCodeFiltersAndPagesWithinOneContest() {
        long contest = contest("one");
        long other = contest("two");
        long ada = participant(contest, "Ada.Lovelace@Example.com", "code0ada", "CONFIRMED");
        long bob = participant(contest, "bob@example.com", "code0bob", "PENDING");
        long al = participant(contest, "al_%@example.com", "code00al", "CONFIRMED");
        participant(other, "ada@elsewhere.example", "code1ada", "CONFIRMED");

        assertThat(ids(contest, "", null, null, null)).containsExactly(al, bob, ada);
        assertThat(ids(contest, "ADA.", null, null, null)).containsExactly(ada);
        assertThat(ids(contest, "a", null, null, null)).containsExactly(al, ada);
        assertThat(ids(contest, "al_", null, null, null)).containsExactly(al);
        assertThat(ids(contest, "a_", null, null, null)).isEmpty();
        assertThat(ids(contest, "code0bob", null, null, null)).containsExactly(bob);
        assertThat(ids(contest, "code1ada", null, null, null)).isEmpty();
        assertThat(ids(contest, "", ParticipantStatus.PENDING, null, null)).containsExactly(bob);
        assertThat(ids(contest, "", null, al, null)).containsExactly(bob, ada);
        assertThat(ids(contest, "", null, null, ada)).containsExactly(al, bob);
    }

    private List<Long> ids(long contest, String q, ParticipantStatus status, Long after, Long before) {
        return search.search(contest, new ParticipantQuery(q, status), after, before, 10).stream()
                .map(ParticipantRow::id)
                .toList();
    }

    private long contest(String slug) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contests (slug, name, status, points_per_signup, points_per_referral,
                            require_confirmation, milestones, created_at, updated_at)
                        VALUES (:slug, :slug, 'ACTIVE', 0, 10, TRUE, '[]', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("slug", slug).update(key, "id");
        return key.getKey().longValue();
    }

    private long participant(long contest, String email, String code, String status) {
        GeneratedKeyHolder contact = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:e, LOWER(:e), 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """).param("e", email).update(contact, "id");
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized,
                            referral_code, status, referrals, points, created_at)
                        VALUES (:contest, :contact, :e, LOWER(:e), :code, :status, 0, 0, CURRENT_TIMESTAMP)
                        """)
                .param("contest", contest)
                .param("contact", contact.getKey().longValue())
                .param("e", email)
                .param("code", code)
                .param("status", status)
                .update(key, "id");
        return key.getKey().longValue();
    }
}
