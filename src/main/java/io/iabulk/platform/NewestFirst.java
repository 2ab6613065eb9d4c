package io.iabulk.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A keyset page of a console or API list, newest first on a table's {@code id}: the page below
 * {@code after} (the next one), or the page just above {@code before} (the one before it, read
 * upwards and handed back newest first); neither for the first page.
 */
public final class NewestFirst {

    private NewestFirst() {}

    /**
     * Reads the page: {@code select} gets the whole {@code WHERE … ORDER BY … LIMIT :limit} clause
     * (the conditions of {@code where}, the cursor's and the order), with the cursor and the limit
     * put into {@code params}, and returns the rows in that order.
     */
    public static <T> List<T> page(
            CharSequence where,
            Map<String, Object> params,
            Long after,
            Long before,
            int limit,
            Function<String, List<T>> select) {
        StringBuilder clause = new StringBuilder(" WHERE ").append(where);
        boolean backwards = after == null && before != null;
        if (after != null) {
            clause.append(" AND id < :cursor");
            params.put("cursor", after);
        } else if (before != null) {
            clause.append(" AND id > :cursor");
            params.put("cursor", before);
        }
        params.put("limit", limit);
        clause.append(" ORDER BY id ").append(backwards ? "ASC" : "DESC").append(" LIMIT :limit");
        List<T> rows = new ArrayList<>(select.apply(clause.toString()));
        if (backwards) {
            Collections.reverse(rows);
        }
        return rows;
    }
}
