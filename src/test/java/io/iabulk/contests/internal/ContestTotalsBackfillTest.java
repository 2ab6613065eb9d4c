package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.ServicesExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migration that introduces the contest counters fills them from the contests that exist, so
 * their summary keeps its numbers. Runs the migrations on PostgreSQL in a schema of its own: up to
 * the version before, then data as an older release wrote it, then the rest.
 */
@ExtendWith(ServicesExtension.class)
class ContestTotalsBackfillTest {

    private static final String URL = "jdbc:postgresql://localhost:5432/test";

    private final String schema = "backfill_" + ThreadLocalRandom.current().nextInt(1_000_000);
    private PGSimpleDataSource dataSource;
    private JdbcClient jdbc;

    @BeforeEach
    void schema() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL + "?currentSchema=" + schema);
        dataSource.setUser("postgres");
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void existingContestsKeepTheirNumbers() {
        flyway("2026.11.27.0840").migrate();
        jdbc.sql("""
                INSERT INTO contacts (id, email, email_normalized, status, created_at, updated_at)
                SELECT g, 'c' || g || '@example.com', 'c' || g || '@example.com', 'ACTIVE', now(), now()
                FROM generate_series(1, 6) g
                """).update();
        for (long contest = 1; contest <= 2; contest++) {
            jdbc.sql("""
                    INSERT INTO contests (id, slug, name, status, points_per_signup, points_per_referral,
                        require_confirmation, milestones, created_at, updated_at)
                    VALUES (:id, :slug, 'Old', 'ACTIVE', 1, 10, true, '[]', now(), now())
                    """).param("id", contest).param("slug", "old-" + contest).update();
        }
        // contest 1: alice referred bob (credited) and carol (flagged); dave pending; 3 of 4 confirmed
        participant(1, 1, "CONFIRMED", 1, 11);
        participant(2, 2, "CONFIRMED", 0, 1);
        participant(3, 3, "CONFIRMED", 0, 1);
        participant(4, 4, "PENDING", 0, 1);
        referral(1, 1, 2, "CREDITED");
        referral(2, 1, 3, "FLAGGED");

        flyway(null).migrate();

        ContestTotals totals = new ContestTotals(jdbc);
        assertThat(totals.of(1)).isEqualTo(new ContestTotals.Totals(4, 3, 1, 1, 1, 14));
        assertThat(totals.of(2))
                .as("a contest without participants")
                .isEqualTo(new ContestTotals.Totals(0, 0, 0, 0, 0, 0));
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private void participant(long id, long contact, String status, int referrals, int points) {
        jdbc.sql("""
                INSERT INTO contest_participants (id, contest_id, contact_id, email, email_normalized, referral_code,
                    status, referrals, points, created_at)
                VALUES (:id, 1, :contact, :email, :email, :code, :status, :referrals, :points, now())
                """)
                .param("id", id)
                .param("contact", contact)
                .param("email", "c" + contact + "@example.com")
                .param("code", "code" + id)
                .param("status", status)
                .param("referrals", referrals)
                .param("points", points)
                .update();
    }

    private void referral(long id, long referrer, long referee, String status) {
        jdbc.sql("""
                INSERT INTO referrals (id, contest_id, referrer_id, referee_id, status, created_at)
                VALUES (:id, 1, :referrer, :referee, :status, now())
                """)
                .param("id", id)
                .param("referrer", referrer)
                .param("referee", referee)
                .param("status", status)
                .update();
    }
}
