package io.iabulk.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.iabulk.campaigns.segments.FilterCompiler;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The segment filter language as the OpenAPI document publishes it ({@code SegmentCondition}: one
 * variant per kind of field, with its operators) is the one the compiler accepts: the same fields,
 * the same operators per field, and an example that compiles.
 */
class SegmentFilterDocumentationTest extends HttpTest {

    private static final Pattern LISTED = Pattern.compile("use one of \\[([^]]*)]");
    private static final String ATTRIBUTE = "attributes.<name>";

    @Autowired
    FilterCompiler compiler;

    @Autowired
    JsonMapper json;

    private JsonNode schemas;

    @BeforeEach
    void readTheDocument() {
        schemas = admin.get("/v3/api-docs").json().at("/components/schemas");
    }

    @Test
    void theDocumentedFieldsAreTheCompilersFields() {
        String error = errorOf(Map.of("field", "no-such-field", "op", "eq", "value", "x"), "filter.field");

        assertThat(documentedOps().keySet()).containsExactlyInAnyOrderElementsOf(listed(error));
    }

    @Test
    void everyFieldDocumentsTheOperatorsTheCompilerAccepts() {
        documentedOps().forEach((field, ops) -> {
            String name = field.equals(ATTRIBUTE) ? "attributes.plan" : field;
            String error = errorOf(Map.of("field", name, "op", "no-such-op", "value", "x"), "filter.op");

            assertThat(ops).as(field).containsExactlyElementsOf(listed(error));
        });
    }

    @Test
    void theExampleCompiles() {
        JsonNode example = schemas.at("/SegmentFilter/example");

        assertThat(example.isObject()).isTrue();
        assertThatCode(() -> compiler.compile(example)).doesNotThrowAnyException();
        assertThat(schemas.at("/NewSegment/example/filter")).isEqualTo(example);
    }

    /** Field to operators, from the variants of {@code SegmentCondition}. */
    private Map<String, List<String>> documentedOps() {
        Map<String, List<String>> ops = new LinkedHashMap<>();
        for (JsonNode variant : schemas.at("/SegmentCondition/oneOf")) {
            List<String> operators = strings(variant.at("/properties/op/enum"));
            JsonNode field = variant.at("/properties/field");
            Set<String> fields = new LinkedHashSet<>(strings(field.path("enum")));
            for (JsonNode alternative : field.path("anyOf")) {
                fields.addAll(strings(alternative.path("enum")));
                if (alternative.has("pattern")) {
                    assertThat(alternative.get("pattern").asString()).startsWith("^attributes\\.");
                    fields.add(ATTRIBUTE);
                }
            }
            assertThat(fields).as(variant.toString()).isNotEmpty();
            assertThat(operators).as(variant.toString()).isNotEmpty();
            fields.forEach(f -> ops.put(f, operators));
        }
        return ops;
    }

    private String errorOf(Object filter, String path) {
        InvalidRequestException e =
                catchThrowableOfType(InvalidRequestException.class, () -> compiler.compile(json.valueToTree(filter)));
        assertThat(e).as("%s is refused", filter).isNotNull();
        return e.errors().stream()
                .filter(error -> error.field().equals(path))
                .map(error -> String.valueOf(error.message()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + path + ": " + e.errors()));
    }

    private static List<String> listed(String message) {
        Matcher list = LISTED.matcher(message);
        assertThat(list.find()).as(message).isTrue();
        return Arrays.stream(list.group(1).split(",")).map(String::strip).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
