package io.iabulk.campaigns;

import java.util.List;

/**
 * A field a segment condition can test, for forms that build filters: its name in the filter
 * language ({@code attributes.<name>} stands for every attribute), a label, the kind of value it
 * takes and its operators.
 *
 * @param type {@code status}, {@code email}, {@code text}, {@code time}, {@code contest}, {@code
 *     count} (with a contest), {@code engagement}, {@code number} or {@code choice}
 * @param choices the values of a {@code status} or {@code choice} field
 * @param min the smallest value of a {@code number} field
 * @param max the largest value of a {@code number} field
 * @param integer whether a {@code number} field takes whole numbers only
 */
public record SegmentField(
        String name,
        String label,
        String type,
        List<String> ops,
        List<String> choices,
        double min,
        double max,
        boolean integer) {

    public SegmentField {
        ops = List.copyOf(ops);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** Whether a condition on it names a contest ({@code contestId}). */
    public boolean needsContest() {
        return type.equals("contest") || type.equals("count");
    }
}
