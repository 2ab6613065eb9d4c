package io.iabulk.campaigns.segments;

import io.iabulk.campaigns.SegmentFieldSource;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.Texts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Validates a segment filter and compiles it to parameterised SQL in one pass. A filter is a
 * condition or a group: {@code {"all": [...]}} (and) or {@code {"any": [...]}} (or), nested up to
 * {@value #MAX_DEPTH} groups deep, at most {@value #MAX_CONDITIONS} conditions. Every problem is
 * reported with the JSON path of the node at fault ({@code filter.all[1].op}).
 */
@Component
public class FilterCompiler {

    static final int MAX_DEPTH = 5;
    static final int MAX_CONDITIONS = 100;

    private final Clock clock;
    private final Map<String, Sourced> sourced;

    FilterCompiler(Clock clock, ObjectProvider<SegmentFieldSource> sources) {
        this.clock = clock;
        this.sourced = sourced(sources.orderedStream().toList());
    }

    /** A field another module answers, with its source. */
    record Sourced(SegmentFieldSource source, SegmentFieldSource.Field field) {}

    private static Map<String, Sourced> sourced(List<SegmentFieldSource> sources) {
        Map<String, Sourced> fields = new LinkedHashMap<>();
        for (SegmentFieldSource source : sources) {
            for (SegmentFieldSource.Field field : source.fields()) {
                if (fields.putIfAbsent(field.name(), new Sourced(source, field)) != null) {
                    throw new IllegalStateException("Two sources answer the segment field " + field.name());
                }
            }
        }
        return Map.copyOf(fields);
    }

    /** Every field a condition can test: ours, then those other modules answer. */
    public List<io.iabulk.campaigns.SegmentField> fields() {
        List<io.iabulk.campaigns.SegmentField> fields = new ArrayList<>(Conditions.builtIn());
        sourced.values().stream()
                .map(Sourced::field)
                .sorted(java.util.Comparator.comparing(SegmentFieldSource.Field::name))
                .forEach(f -> fields.add(new io.iabulk.campaigns.SegmentField(
                        f.name(),
                        label(f.name()),
                        f.isChoice() ? "choice" : "number",
                        f.ops(),
                        f.choices(),
                        f.min(),
                        f.max(),
                        f.integer())));
        return fields;
    }

    /** {@code predictions.openProbability} reads "Predictions: open probability". */
    private static String label(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String tail = dot < 0 ? "" : name.substring(dot + 1);
        String words = tail.replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(head.charAt(0)) + head.substring(1) + (words.isEmpty() ? "" : ": " + words);
    }

    /**
     * @throws InvalidRequestException listing every invalid node by its path
     */
    public CompiledFilter compile(JsonNode filter) {
        Compilation compilation = new Compilation(clock, sourced);
        // PostgreSQL refuses NUL in a parameter: a stored filter holding one would fail every count
        String unstorable = Texts.firstUnstorable(filter, "filter");
        if (unstorable != null) {
            throw new InvalidRequestException(unstorable, Texts.NUL_MESSAGE);
        }
        String where = compilation.node(filter, "filter", 0);
        if (!compilation.errors.isEmpty()) {
            throw new InvalidRequestException(compilation.errors);
        }
        return new CompiledFilter(where, compilation.params);
    }

    /** The state of one compilation: its parameters and errors. */
    static final class Compilation {

        final Clock clock;
        final Map<String, Sourced> sourced;
        final Map<String, Object> params = new HashMap<>();
        final List<FieldError> errors = new ArrayList<>();
        int conditions;

        Compilation(Clock clock, Map<String, Sourced> sourced) {
            this.clock = clock;
            this.sourced = sourced;
        }

        /** Registers a value and returns its placeholder. */
        String param(Object value) {
            String name = "f" + params.size();
            params.put(name, value);
            return ":" + name;
        }

        /** Records an error; returns a harmless SQL stand-in so compilation can go on. */
        String error(String path, String message) {
            errors.add(new FieldError(path, message));
            return "1 = 0";
        }

        String node(JsonNode node, String path, int depth) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return error(path, "is required");
            }
            if (!node.isObject()) {
                return error(path, "must be an object: a group {\"all\": [...]} or {\"any\": [...]}, or a condition");
            }
            boolean all = node.has("all");
            boolean any = node.has("any");
            if (all || any) {
                if (all && any || node.size() != 1) {
                    return error(path, "a group holds exactly one member, \"all\" or \"any\"");
                }
                return group(node.get(all ? "all" : "any"), path + (all ? ".all" : ".any"), all, depth + 1);
            }
            if (++conditions > MAX_CONDITIONS) {
                return error(path, "a filter holds at most " + MAX_CONDITIONS + " conditions");
            }
            return Conditions.compile(node, path, this);
        }

        private String group(JsonNode members, String path, boolean all, int depth) {
            if (depth > MAX_DEPTH) {
                return error(path, "groups nest at most " + MAX_DEPTH + " deep");
            }
            if (members == null || !members.isArray() || members.isEmpty()) {
                return error(path, "must be a non-empty array of conditions or groups");
            }
            List<String> parts = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                parts.add("(" + node(members.get(i), path + "[" + i + "]", depth) + ")");
            }
            return String.join(all ? " AND " : " OR ", parts);
        }
    }
}
