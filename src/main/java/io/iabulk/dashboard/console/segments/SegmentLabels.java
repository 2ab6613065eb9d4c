package io.iabulk.dashboard.console.segments;

import java.util.Map;
import org.springframework.stereotype.Component;

/** Words for the filter language's operators in the condition builder ({@code ${@segmentLabels.op('gte')}}). */
@Component("segmentLabels")
public class SegmentLabels {

    private static final Map<String, String> OPS = Map.ofEntries(
            Map.entry("eq", "is"),
            Map.entry("neq", "is not"),
            Map.entry("in", "is one of"),
            Map.entry("contains", "contains"),
            Map.entry("exists", "has a value"),
            Map.entry("domain", "has the domain"),
            Map.entry("before", "before"),
            Map.entry("after", "on or after"),
            Map.entry("within", "in the last (days)"),
            Map.entry("never", "never"),
            Map.entry("participant", "takes part in"),
            Map.entry("confirmed", "confirmed in"),
            Map.entry("gte", "at least"),
            Map.entry("lte", "at most"),
            Map.entry("gt", "more than"),
            Map.entry("lt", "less than"));

    public String op(String op) {
        return OPS.getOrDefault(op, op);
    }

    /** A status or a choice as a person reads it: {@code UNSUBSCRIBED} is "Unsubscribed". */
    public String choice(String choice) {
        String lower = choice.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
