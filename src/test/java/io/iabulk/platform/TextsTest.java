package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TextsTest {

    @Test
    void nulIsNeverStorableAndControlCharactersAreNotOneLine() {
        assertThat(Texts.storable("two\nlines\tand tabs")).isTrue();
        assertThat(Texts.storable("a\u0000")).isFalse();
        assertThat(Texts.singleLine("Zoë O'Brien")).isTrue();
        assertThat(Texts.singleLine("a\rb")).isFalse();
        assertThat(Texts.singleLine("a\u0085b")).as("NEL is a C1 control").isFalse();
        assertThat(Texts.storable(null)).isTrue();
        assertThat(Texts.singleLine(null)).isTrue();
    }

    @Test
    void findsTheFirstNulInDecodedJsonOrATreeByPath() {
        Map<String, Object> context = Map.of("order", Map.of("items", List.of("ok", Map.of("sku", "A\u0000")), "n", 3));

        assertThat(Texts.firstUnstorable(context, "context")).isEqualTo("context.order.items[1].sku");
        assertThat(Texts.firstUnstorable(Map.of("k\u0000", "v"), "context")).isEqualTo("context");
        assertThat(Texts.firstUnstorable(
                        JsonMapper.builder().build().readTree("{\"all\": [{\"value\": [\"x\", \"\\u0000\"]}]}"),
                        "filter"))
                .isEqualTo("filter.all[0].value[1]");
        assertThat(Texts.firstUnstorable(Map.of("fine", List.of(1, true, "text\n")), "context"))
                .isNull();
    }
}
