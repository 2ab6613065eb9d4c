package io.iabulk.dashboard.console.segments;

import io.iabulk.campaigns.SegmentField;
import io.iabulk.platform.InvalidRequestException.FieldError;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The condition builder's form, and its translation to and from the filter language of {@code
 * SegmentService}: one group ({@code all} or {@code any}) of conditions, each a row of inputs named
 * after the row's key ({@code f.<key>} field, {@code a.<key>} attribute name, {@code o.<key>} operator,
 * {@code v.<key>} value, {@code k.<key>} contest), the keys listed in order by the {@code row} inputs.
 * Values are typed here (numbers, booleans, lists) as the filter language wants them; checking them
 * is the compiler's job, so the console refuses exactly what the API refuses.
 */
final class SegmentForm {

    /** The field value of "another attribute", named in the row's attribute input. */
    static final String OTHER_ATTRIBUTE = "attributes.<name>";

    private static final Pattern KEY = Pattern.compile("[a-z0-9]{1,16}");
    private static final Pattern PATH = Pattern.compile("^filter\\.(?:all|any)\\[(\\d+)](?:\\.(\\w+))?$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One condition as the form holds it (every value as typed). */
    record Row(String key, String field, String attribute, String op, String value, String contestId) {

        Row withFieldAndOp(String field, String op) {
            return new Row(key, field, attribute, op, value, contestId);
        }
    }

    final String name;
    final String match;
    final List<Row> rows;

    SegmentForm(String name, String match, List<Row> rows) {
        this.name = name == null ? "" : name;
        this.match = "any".equals(match) ? "any" : "all";
        this.rows = List.copyOf(rows);
    }

    public String name() {
        return name;
    }

    public String match() {
        return match;
    }

    static String newKey() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36).substring(0, 8);
    }

    static boolean validKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** The form as posted. */
    static SegmentForm from(MultiValueMap<String, String> params) {
        List<Row> rows = new ArrayList<>();
        List<String> keys = params.getOrDefault("row", List.of());
        for (String key : keys.stream().distinct().limit(100).toList()) {
            if (validKey(key)) {
                rows.add(row(key, params));
            }
        }
        return new SegmentForm(params.getFirst("name"), params.getFirst("match"), rows);
    }

    static Row row(String key, MultiValueMap<String, String> params) {
        return new Row(
                key,
                blankToNull(params.getFirst("f." + key)),
                params.getFirst("a." + key),
                blankToNull(params.getFirst("o." + key)),
                params.getFirst("v." + key),
                params.getFirst("k." + key));
    }

    /** A stored filter as a form, or null when it is not one group of conditions (nested groups). */
    static SegmentForm of(String name, JsonNode filter, List<String> knownFields) {
        String match = filter.has("any") ? "any" : "all";
        JsonNode members = filter.has("all") || filter.has("any")
                ? filter.get(match)
                : JSON.arrayNode().add(filter);
        if (members == null || !members.isArray()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode condition : members) {
            if (!condition.isObject() || condition.has("all") || condition.has("any")) {
                return null;
            }
            String field = text(condition.get("field"));
            String attribute = null;
            if (field != null && field.startsWith("attributes.") && !knownFields.contains(field)) {
                attribute = field.substring("attributes.".length());
                field = OTHER_ATTRIBUTE;
            }
            rows.add(new Row(
                    newKey(),
                    field,
                    attribute,
                    text(condition.get("op")),
                    value(condition.get("value")),
                    text(condition.get("contestId"))));
        }
        return new SegmentForm(name, match, rows);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asString()));
            return String.join(", ", values);
        }
        return node.asString();
    }

    /** The filter the rows say: {@code {"all": [...]}} or {@code {"any": [...]}}. */
    ObjectNode filter(Map<String, SegmentField> fields) {
        ArrayNode conditions = JSON.arrayNode();
        for (Row row : rows) {
            conditions.add(condition(row, fieldOf(row, fields)));
        }
        ObjectNode filter = JSON.objectNode();
        filter.set(match, conditions);
        return filter;
    }

    /** The field the row names in the filter language ({@code attributes.plan} for another attribute). */
    static String fieldName(Row row) {
        if (OTHER_ATTRIBUTE.equals(row.field())) {
            return "attributes."
                    + (row.attribute() == null ? "" : row.attribute().strip());
        }
        return row.field() == null ? "" : row.field();
    }

    /** The field of a row (attributes share one), or null when it is not a field. */
    static SegmentField fieldOf(Row row, Map<String, SegmentField> fields) {
        String name = row.field();
        if (name != null && name.startsWith("attributes.")) {
            name = OTHER_ATTRIBUTE;
        }
        return name == null ? null : fields.get(name);
    }

    private static ObjectNode condition(Row row, SegmentField field) {
        ObjectNode condition = JSON.objectNode();
        condition.put("field", fieldName(row));
        condition.put("op", row.op() == null ? "" : row.op());
        String type = field == null ? "text" : field.type();
        String op = row.op() == null ? "" : row.op();
        String value = row.value() == null ? "" : row.value().strip();
        if (op.equals("never")) {
            // no value
        } else if (op.equals("in")) {
            ArrayNode values = JSON.arrayNode();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
            condition.set("value", values);
        } else if (op.equals("exists") || type.equals("contest")) {
            condition.put("value", !value.equals("false"));
        } else if (op.equals("within") || type.equals("count") || type.equals("number")) {
            condition.set("value", number(value));
        } else {
            condition.put("value", value);
        }
        if (field != null && field.needsContest()) {
            JsonNode contest =
                    number(row.contestId() == null ? "" : row.contestId().strip());
            if (!contest.isNull()) {
                condition.set("contestId", contest);
            }
        }
        return condition;
    }

    /** A number as typed: whole or decimal; anything else stays text, for the compiler to refuse. */
    private static JsonNode number(String text) {
        if (text.isEmpty()) {
            return JSON.nullNode();
        }
        try {
            return JSON.numberNode(Long.parseLong(text));
        } catch (NumberFormatException notWhole) {
            try {
                double number = Double.parseDouble(text);
                return Double.isFinite(number) ? JSON.numberNode(number) : JSON.stringNode(text);
            } catch (NumberFormatException notNumber) {
                return JSON.stringNode(text);
            }
        }
    }

    /**
     * The compiler's errors by the id of the control at fault ({@code v-<key>}, {@code name}, or
     * {@code add-condition} for an empty builder), in order, each message saying which condition.
     */
    Map<String, String> errorsByControl(List<FieldError> errors) {
        Map<String, String> byControl = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field();
            if (field.equals("name")) {
                byControl.merge("name", "Name: " + error.message(), (a, b) -> a + "; " + b);
                continue;
            }
            Matcher path = PATH.matcher(field);
            if (path.matches()) {
                int index = Integer.parseInt(path.group(1));
                if (index < rows.size()) {
                    String member = path.group(2) == null ? "field" : path.group(2);
                    String prefix = switch (member) {
                        case "op" -> "o-";
                        case "value" -> "v-";
                        case "contestId" -> "k-";
                        default -> OTHER_ATTRIBUTE.equals(rows.get(index).field()) ? "a-" : "f-";
                    };
                    String label = switch (member) {
                        case "op" -> "operator";
                        case "value" -> "value";
                        case "contestId" -> "contest";
                        default -> "field";
                    };
                    byControl.merge(
                            prefix + rows.get(index).key(),
                            "Condition " + (index + 1) + ", " + label + ": " + error.message(),
                            (a, b) -> a + "; " + b);
                    continue;
                }
            }
            String control = rows.isEmpty() ? "add-condition" : "match-all";
            String message = rows.isEmpty() ? "Add at least one condition" : "Conditions: " + error.message();
            byControl.merge(control, message, (a, b) -> a + "; " + b);
        }
        return byControl;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
