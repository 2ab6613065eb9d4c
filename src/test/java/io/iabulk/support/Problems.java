package io.iabulk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Assertions on refused requests: what a client of the API sees, and what the database kept. */
public final class Problems {

    /** The hostile times of the report that found the 500s: beyond PostgreSQL and beyond Instant. */
    public static final List<String> OUT_OF_RANGE_INSTANTS =
            List.of("+300000-01-01T00:00:00Z", "-290000-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z");

    private Problems() {}

    /**
     * A 400 {@code application/problem+json} of type {@code validation-failed} whose errors name
     * exactly these fields.
     */
    public static void assertInvalid(Api.Response response, String... fields) {
        assertProblem(response, 400, "validation-failed");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .as(response.body())
                .containsExactlyInAnyOrder(fields);
    }

    /** A problem+json answer with this status and {@code urn:iabulk:problem:<code>} type. */
    public static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:" + code);
    }

    /** The number of rows of a table (to show that a refused request wrote nothing). */
    public static long rows(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** A query parameter value, with its {@code +} escaped. */
    public static String param(String value) {
        return value.replace("+", "%2B");
    }
}
