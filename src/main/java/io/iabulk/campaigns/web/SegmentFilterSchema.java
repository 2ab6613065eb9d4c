package io.iabulk.campaigns.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.iabulk.campaigns.SegmentFieldSource;
import io.iabulk.contacts.ContactStatus;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Documents the segment filter language, which the API carries as free JSON ({@code JsonNode}) and
 * {@code io.iabulk.campaigns.segments.FilterCompiler} checks: the schemas {@code SegmentFilter} (a
 * group or a condition), {@code SegmentGroup} and {@code SegmentCondition} (one variant per kind of
 * field, with its operators), referenced by the {@code filter} of {@code NewSegment} and {@code
 * Segment}. The wire format is unchanged; {@code SegmentFilterDocumentationTest} holds this table
 * to the compiler's own lists.
 */
@Component
class SegmentFilterSchema implements OpenApiCustomizer {

    static final String FILTER = "SegmentFilter";
    static final String GROUP = "SegmentGroup";
    static final String CONDITION = "SegmentCondition";
    private static final String REF = "#/components/schemas/";

    /** A filter that compiles, shown as the example of {@code SegmentFilter} and {@code NewSegment}. */
    static final String EXAMPLE = """
            {"all": [
              {"field": "status", "op": "eq", "value": "ACTIVE"},
              {"field": "attributes.plan", "op": "in", "value": ["pro", "team"]},
              {"any": [
                {"field": "lastOpenedAt", "op": "within", "value": 30},
                {"field": "contest.referrals", "op": "gte", "value": 3, "contestId": 1}
              ]}
            ]}
            """;

    /** One kind of condition: its fields, its operators (as the compiler lists them) and its value. */
    record Kind(String title, List<String> fields, List<String> ops, boolean contest, Schema<?> value) {}

    static final List<Kind> KINDS = List.of(
            new Kind(
                    "status",
                    List.of("status"),
                    List.of("eq", "neq", "in"),
                    false,
                    oneOf(
                            "A status (any case); an array of 1 to 1,000 of them for `in`",
                            statuses(),
                            array(statuses()))),
            new Kind(
                    "email",
                    List.of("email"),
                    List.of("eq", "domain", "contains"),
                    false,
                    type("string")
                            .description("The address (`eq`), its domain (`domain`, with or without `@`) or a part "
                                    + "of it (`contains`); case is ignored")),
            new Kind(
                    "profile and attributes",
                    List.of("firstName", "lastName", "locale", "timeZone", "attributes.<name>"),
                    List.of("eq", "neq", "in", "contains", "exists"),
                    false,
                    oneOf(
                            "Text for `eq`, `neq` (which also matches contacts without a value) and `contains`; an "
                                    + "array of 1 to 1,000 texts for `in`; `true` (the default) or `false` for "
                                    + "`exists`. Case is ignored.",
                            type("string"),
                            array(type("string")),
                            type("boolean"))),
            new Kind("created", List.of("createdAt"), List.of("before", "after", "within"), false, moment()),
            new Kind(
                    "contest participation",
                    List.of("contest"),
                    List.of("participant", "confirmed"),
                    true,
                    type("boolean").description("`false` negates the condition; `true` when left out")),
            new Kind(
                    "contest counts",
                    List.of("contest.referrals", "contest.points"),
                    List.of("eq", "gte", "lte", "gt", "lt"),
                    true,
                    type("integer").minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE))),
            new Kind(
                    "engagement",
                    List.of("lastSentAt", "lastOpenedAt", "lastClickedAt"),
                    List.of("before", "after", "within", "never"),
                    false,
                    moment().description(moment().getDescription() + "; none for `never`")));

    private final JsonMapper json;
    private final List<Kind> kinds;

    SegmentFilterSchema(JsonMapper json, ObjectProvider<SegmentFieldSource> sources) {
        this.json = json;
        List<Kind> all = new ArrayList<>(KINDS);
        all.addAll(sourcedKinds(sources.orderedStream().toList()));
        this.kinds = List.copyOf(all);
    }

    /** The fields other modules answer, one kind per title they give (its fields share operators and values). */
    static List<Kind> sourcedKinds(List<SegmentFieldSource> sources) {
        Map<String, List<SegmentFieldSource.Field>> byKind = new LinkedHashMap<>();
        sources.forEach(source -> source.fields()
                .forEach(field -> byKind.computeIfAbsent(field.kind(), k -> new ArrayList<>())
                        .add(field)));
        List<Kind> kinds = new ArrayList<>();
        byKind.forEach((title, fields) -> {
            SegmentFieldSource.Field first = fields.getFirst();
            Schema<?> value;
            if (first.isChoice()) {
                value = first.ops().contains("in")
                        ? oneOf(
                                first.description() + " One name (any case); an array of 1 to 1,000 of them for `in`.",
                                names(first.choices()),
                                array(names(first.choices())))
                        : names(first.choices()).description(first.description());
            } else {
                value = type(first.integer() ? "integer" : "number")
                        .minimum(BigDecimal.valueOf(first.min()))
                        .maximum(BigDecimal.valueOf(first.max()))
                        .description(first.description());
            }
            kinds.add(new Kind(
                    title, fields.stream().map(SegmentFieldSource.Field::name).toList(), first.ops(), false, value));
        });
        return kinds;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Object example = json.readValue(EXAMPLE, Object.class);
        Components components = openApi.getComponents();
        components.addSchemas(
                FILTER,
                new Schema<>()
                        .description("A segment filter: a group of filters (`all` = and, `any` = or, nested up to 5 "
                                + "deep) or a single condition; at most 100 conditions in all. Every invalid node is "
                                + "reported by its JSON path, e.g. `filter.all[1].op`.")
                        .oneOf(List.of(ref(GROUP), ref(CONDITION)))
                        .example(example));
        components.addSchemas(GROUP, group());
        components.addSchemas(CONDITION, condition());
        for (String owner : List.of("NewSegment", "Segment")) {
            Schema<?> schema = components.getSchemas().get(owner);
            if (schema != null && schema.getProperties() != null) {
                schema.getProperties().put("filter", ref(FILTER));
            }
        }
        Schema<?> newSegment = components.getSchemas().get("NewSegment");
        if (newSegment != null) {
            Map<String, Object> segmentExample = new LinkedHashMap<>();
            segmentExample.put("name", "Engaged pro users");
            segmentExample.put("filter", example);
            newSegment.example(segmentExample);
        }
        if (!referenced(openApi, "JsonNode")) {
            components.getSchemas().remove("JsonNode");
        }
    }

    private static Schema<?> group() {
        Schema<Object> members = type("array").items(ref(FILTER)).minItems(1).description("The filters it combines");
        return new Schema<>()
                .description("Exactly one of `all` (every member matches) or `any` (at least one does)")
                .oneOf(List.of(
                        type("object")
                                .title("all")
                                .addProperty("all", members)
                                .required(List.of("all"))
                                .additionalProperties(false),
                        type("object")
                                .title("any")
                                .addProperty("any", members)
                                .required(List.of("any"))
                                .additionalProperties(false)));
    }

    private Schema<?> condition() {
        List<Schema> variants = new ArrayList<>();
        for (Kind kind : kinds) {
            Schema<?> variant = type("object")
                    .title(kind.title())
                    .addProperty("field", field(kind.fields()))
                    .addProperty("op", names(kind.ops()))
                    .addProperty("value", kind.value());
            List<String> required = new ArrayList<>(List.of("field", "op"));
            if (kind.contest()) {
                variant.addProperty(
                        "contestId",
                        type("integer").format("int64").minimum(BigDecimal.ONE).description("The contest"));
                required.add("contestId");
            }
            variants.add(variant.required(required).additionalProperties(false));
        }
        return new Schema<>()
                .description("One condition on a contact: a `field`, an operator `op` of that field, and a `value` "
                        + "(plus `contestId` for contest fields). Text comparisons ignore case.")
                .oneOf(variants);
    }

    /** The field names of a kind; {@code attributes.<name>} stands for any attribute. */
    private static Schema<?> field(List<String> fields) {
        List<String> fixed =
                fields.stream().filter(f -> !f.startsWith("attributes.")).toList();
        Schema<?> named = names(fixed);
        if (fixed.size() == fields.size()) {
            return named;
        }
        return new Schema<>()
                .description("A profile field, or `attributes.<name>` for one of the contact's attributes")
                .anyOf(List.of(
                        named, type("string").pattern("^attributes\\..{1,200}$").example("attributes.plan")));
    }

    private static Schema<?> moment() {
        return oneOf(
                "A date (`2026-01-31`, UTC midnight) or an instant (`2026-01-31T12:00:00Z`) for `before` and `after`; "
                        + "a number of days (1 to 36,500) for `within`",
                type("string"),
                type("integer").minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(36_500)));
    }

    private static Schema<?> statuses() {
        return names(Arrays.stream(ContactStatus.values()).map(Enum::name).toList());
    }

    private static Schema<String> names(List<String> values) {
        Schema<String> schema = new Schema<>();
        schema.setType("string");
        schema.setTypes(Set.of("string"));
        schema.setEnum(values);
        return schema;
    }

    private static Schema<Object> oneOf(String description, Schema<?>... alternatives) {
        return new Schema<>().description(description).oneOf(List.of(alternatives));
    }

    private static Schema<Object> array(Schema<?> items) {
        return type("array").items(items).minItems(1).maxItems(1000);
    }

    private static Schema<Object> ref(String name) {
        return new Schema<>().$ref(REF + name);
    }

    /** A schema of one type, for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) alike. */
    private static Schema<Object> type(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    /** Whether anything still refers to this component (the filters no longer do). */
    private static boolean referenced(OpenAPI openApi, String name) {
        try {
            return Json31.mapper().writeValueAsString(openApi).contains("\"" + REF + name + "\"");
        } catch (JsonProcessingException e) {
            return true;
        }
    }
}
