package io.iabulk.delivery;

/**
 * A campaign whose subject variants are chosen when its rows are claimed (ADR 0023): an even split
 * of the first part of the audience, then Thompson sampling on the human opens or clicks so far.
 *
 * @param variants the number of subject variants (at least 2)
 * @param goal what a variant is judged by
 */
public record AdaptiveVariants(int variants, Goal goal) {

    /** What a variant is judged by. */
    public enum Goal {
        /** Human opens per message sent. */
        OPEN,
        /** Human clicks per message sent. */
        CLICK
    }

    public AdaptiveVariants {
        if (variants < 2 || goal == null) {
            throw new IllegalArgumentException("an adaptive choice needs at least 2 variants and a goal");
        }
    }
}
