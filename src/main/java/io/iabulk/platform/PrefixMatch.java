package io.iabulk.platform;

import java.util.Map;

/**
 * A case-ignoring "starts with" condition in SQL that an index can serve, for the searches of the
 * console and the admin API.
 *
 * <p>On PostgreSQL a prefix is a range on a {@code text_pattern_ops} index of the lower-cased column
 * ({@code ~>=~} / {@code ~<~}, the operators of that class): unlike {@code LIKE :param}, the range
 * stays index-usable in the generic plan of a prepared statement, so a rare prefix is never a scan of
 * a million rows. H2 (the embedded mode, small data) has no expression indexes and runs the same
 * search with {@code LIKE}, its wildcards escaped.
 */
public record PrefixMatch(boolean postgres) {

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

    /** The smallest string above every string that starts with {@code prefix} (by code point). */
    public static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(last + 1);
    }

    private static String like(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
