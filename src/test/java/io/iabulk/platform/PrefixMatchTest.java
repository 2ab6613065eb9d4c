package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.H2Databases;
import io.iabulk.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The searches' prefix condition and their planning with values, on PostgreSQL and on H2. */
@IntegrationTest
class PrefixMatchTest {

    @Autowired
    PrefixMatch prefixes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSearchIsPlannedWithItsValuesAndTheSettingDoesNotOutliveIt() {
        String inside = prefixes.planned(
                () -> jdbc.sql("SHOW plan_cache_mode").query(String.class).single());

        assertThat(inside).isEqualTo("force_custom_plan");
        // SET LOCAL ends with the transaction: the pooled connection goes back as it came
        for (int i = 0; i < 20; i++) {
            assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single())
                    .isEqualTo("auto");
        }
    }

    @Test
    void theRangeMatchesExactlyThePrefixOnPostgres() {
        assertThat(matches(jdbc, prefixes, "ab")).containsExactlyInAnyOrder("ab", "ab%c", "abc", "abz\uffff");
        assertThat(matches(jdbc, prefixes, "a%")).isEmpty();
        assertThat(matches(jdbc, prefixes, "ab%")).containsExactly("ab%c");
        assertThat(matches(jdbc, prefixes, "é")).containsExactly("été");
    }

    @Test
    void h2RunsTheSameSearchWithLikeAndItsWildcardsAreLetters() {
        DataSource h2 = H2Databases.migrated();
        JdbcClient h2Jdbc = JdbcClient.create(h2);
        PrefixMatch h2Prefixes = new PrefixMatch(h2, h2Jdbc, new DataSourceTransactionManager(h2));

        assertThat(matches(h2Jdbc, h2Prefixes, "ab")).containsExactlyInAnyOrder("ab", "ab%c", "abc", "abz\uffff");
        assertThat(matches(h2Jdbc, h2Prefixes, "a%")).isEmpty();
        assertThat(matches(h2Jdbc, h2Prefixes, "a_")).isEmpty();
        assertThat(matches(h2Jdbc, h2Prefixes, "ab%")).containsExactly("ab%c");
        assertThat(h2Prefixes.planned(() -> "ran")).isEqualTo("ran");
    }

    @Test
    void theUpperBoundIsTheNextStringAfterEveryExtension() {
        assertThat(PrefixMatch.upperBound("ab")).isEqualTo("ac");
        assertThat(PrefixMatch.upperBound("a@")).isEqualTo("aA");
        assertThat(PrefixMatch.upperBound("x\uD83D\uDE00")).isEqualTo("x\uD83D\uDE01");
    }

    private static List<String> matches(JdbcClient jdbc, PrefixMatch prefixes, String prefix) {
        Map<String, Object> params = new HashMap<>();
        String condition = prefixes.condition("lower(v)", prefix, "p", params);
        return prefixes.planned(() -> jdbc.sql("SELECT v FROM (VALUES ('ab'), ('abc'), ('ab%c'), ('abz\uffff'),"
                        + " ('ac'), ('aa'), ('a'), ('b'), ('été'), ('xab')) AS t(v) WHERE " + condition)
                .params(params)
                .query(String.class)
                .list());
    }
}
