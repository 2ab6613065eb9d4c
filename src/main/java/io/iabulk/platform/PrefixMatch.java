package io.iabulk.platform;

import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A case-ignoring "starts with" condition in SQL that an index can serve, for the searches of the
 * console and the admin API (contacts, a contest's participants).
 *
 * <p>On PostgreSQL a prefix is a range on a {@code text_pattern_ops} index of the lower-cased column
 * ({@code ~>=~} / {@code ~<~}, the operators of that class). H2 (the embedded mode, small data) has
 * no expression indexes and runs the same search with {@code LIKE}, its wildcards escaped.
 *
 * <p>The range is only half of it: a search must also be planned with its values ({@link
 * #planned}). PgJDBC prepares a statement on the server after five uses, and PostgreSQL may then run
 * a generic plan, which cannot know that a typed address matches one row in a million: it walks the
 * primary key down in id order and filters every row (262 ms at 1,000,000 rows, measured, against
 * 0.07 ms for the two index probes of the plan made with the values; docs/benchmarks.md).
 */
@Component
public class PrefixMatch {

    private final boolean postgres;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    public PrefixMatch(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.postgres = Databases.isPostgres(dataSource);
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The condition "{@code column} starts with {@code prefix}", its values put into {@code params}
     * under names that start with {@code name}; {@code column} is already lower-cased SQL and
     * {@code prefix} lower case.
     */
    public String condition(String column, String prefix, String name, Map<String, Object> params) {
        if (postgres) {
            params.put(name + "lo", prefix);
            params.put(name + "hi", upperBound(prefix));
            return "(" + column + " ~>=~ :" + name + "lo AND " + column + " ~<~ :" + name + "hi)";
        }
        params.put(name, like(prefix) + "%");
        return column + " LIKE :" + name + " ESCAPE '!'";
    }

    /**
     * Runs a search that holds a prefix condition so that PostgreSQL plans it with its values: in a
     * read-only transaction that sets {@code plan_cache_mode = force_custom_plan} for itself (two
     * more round trips, so only searches with a text should come here). On H2, just runs it.
     */
    public <T> T planned(Supplier<T> search) {
        if (!postgres) {
            return search.get();
        }
        return readOnly.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
            return search.get();
        });
    }

    /** The smallest string above every string that starts with {@code prefix} (by code point). */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
    }

    private static String like(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
