package io.iabulk.delivery;

import java.util.Map;

/**
 * The recipients of a campaign as SQL: a SELECT that yields the columns {@code id} (contact id) and
 * {@code status} (contact status), with named parameters. The campaigns module compiles it from
 * the audience (segment, contest, all); delivery wraps it to snapshot the audience in chunks
 * ({@code WHERE id > :after ORDER BY id LIMIT :chunk}), inserting {@code ACTIVE} contacts and
 * counting the others as suppressed. The parameter names {@code after}, {@code chunk} and {@code
 * campaign} are reserved.
 */
public record AudienceQuery(String sql, Map<String, Object> params) {

    public AudienceQuery {
        params = Map.copyOf(params);
    }
}
