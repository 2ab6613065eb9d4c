package io.iabulk.platform;

/**
 * A value read through a cache, and whether the cache answered ({@code hit}) or it was computed for
 * this read. The API tells its clients in an {@code X-Cache: HIT} or {@code MISS} header, as a
 * response cache would, so an operator can see the cache working.
 *
 * @param value what was read
 * @param hit whether the cache answered without recomputing it
 */
public record Cached<T>(T value, boolean hit) {

    /** The response header that reports it. */
    public static final String HEADER = "X-Cache";

    /** {@code HIT} or {@code MISS}, the value of {@link #HEADER}. */
    public static String status(boolean hit) {
        return hit ? "HIT" : "MISS";
    }

    public String status() {
        return status(hit);
    }
}
