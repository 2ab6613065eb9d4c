package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.H2Databases;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Held clicks on H2 (embedded mode), which takes the batch path instead of PostgreSQL's arrays. */
class H2ClickHoldsTest {

    private JdbcClickHolds holds;

    @BeforeEach
    void migrate() {
        DataSource dataSource = H2Databases.migrated();
        holds = new JdbcClickHolds(JdbcClient.create(dataSource), new JdbcTemplate(dataSource), dataSource);
    }

    @Test
    void holdsEachClickOnceAndReleasesThemByEvent() {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        HeldClick a = new HeldClick("e1", 7L, 3L, 0, 2, "https://example.com/a", at, null);
        HeldClick b = new HeldClick("e2", 7L, 3L, 1, 2, "https://example.com/b", at.plusMillis(500), "user-agent");
        HeldClick other = new HeldClick("e3", 8L, null, 0, 2, "https://example.com/a", at.plusSeconds(1), null);
        holds.hold(List.of(a, b, other));
        holds.hold(List.of(a)); // a group written again holds nothing twice

        // the sends of the oldest due clicks, once per click, oldest first, at most the limit
        assertThat(holds.sendsHeldSince(at.plusMillis(600), 10)).containsExactly(7L, 7L);
        assertThat(holds.sendsHeldSince(at.plusSeconds(5), 2)).containsExactly(7L, 7L);
        assertThat(holds.lockHeld(List.of(7L, 8L))).containsExactly(a, b, other);

        holds.release(List.of(a, b));
        assertThat(holds.lockHeld(List.of(7L, 8L))).containsExactly(other);
        holds.release(List.of());
        assertThat(holds.sendsHeldSince(at.plusSeconds(5), 10)).containsExactly(8L);
    }
}
