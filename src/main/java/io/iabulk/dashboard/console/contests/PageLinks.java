package io.iabulk.dashboard.console.contests;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Keyset pages of a console list: the rows of a page asked for {@code size + 1} rows (the extra one
 * says whether there is more in that direction) and the links to the pages before and after, which
 * keep the page's other query parameters.
 */
record PageLinks<T>(List<T> rows, String prevUrl, String nextUrl) {

    /**
     * @param fetched the rows read in page order, at most {@code size + 1}; when reading backwards
     *     ({@code before} given) the extra row is the first one
     */
    static <T> PageLinks<T> of(
            HttpServletRequest request, List<T> fetched, int size, Long after, Long before, Function<T, Long> id) {
        boolean backwards = after == null && before != null;
        boolean more = fetched.size() > size;
        List<T> rows = !more ? fetched : backwards ? fetched.subList(1, fetched.size()) : fetched.subList(0, size);
        if (rows.isEmpty()) {
            return new PageLinks<>(rows, backwards || after != null ? with(request, null, null) : null, null);
        }
        boolean hasPrev = backwards ? more : after != null;
        boolean hasNext = backwards || more;
        return new PageLinks<>(
                rows,
                hasPrev ? with(request, "before", id.apply(rows.getFirst())) : null,
                hasNext ? with(request, "after", id.apply(rows.getLast())) : null);
    }

    /** The current page's path and query with the cursors replaced by one (or none). */
    static String with(HttpServletRequest request, String cursor, Long value) {
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.remove("after");
        parameters.remove("before");
        StringJoiner query = new StringJoiner("&");
        parameters.forEach((name, values) -> {
            for (String v : values) {
                if (!v.isEmpty()) {
                    query.add(encode(name) + "=" + encode(v));
                }
            }
        });
        if (cursor != null) {
            query.add(cursor + "=" + value);
        }
        return request.getRequestURI() + (query.length() == 0 ? "" : "?" + query);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
