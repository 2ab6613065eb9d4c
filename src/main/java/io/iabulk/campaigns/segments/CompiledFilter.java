package io.iabulk.campaigns.segments;

import java.util.Map;

/**
 * A segment filter as SQL: a condition on the contacts row {@code c}, with its named parameters.
 * Values only ever travel as parameters; column names come from a fixed list.
 */
public record CompiledFilter(String where, Map<String, Object> params) {

    public CompiledFilter {
        params = Map.copyOf(params);
    }
}
