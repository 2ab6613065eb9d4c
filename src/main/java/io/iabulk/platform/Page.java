package io.iabulk.platform;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A keyset-paged list as every list endpoint answers it: the items and the cursor of the next
 * page, sent back as {@code ?cursor=}; null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page of {@code fetched}, which holds up to {@code limit + 1} rows (the extra row only says
     * that there is a next page); the cursor is the id of the last item shown.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, ToLongFunction<T> id) {
        boolean more = fetched.size() > limit;
        List<T> items = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(items, more ? Long.toString(id.applyAsLong(items.getLast())) : null);
    }
}
