package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.Template;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateInspectionTest {

    private final TemplateCompiler compiler = TemplateFixtures.compiler();

    private static Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("firstName", null);
        model.put("lastName", "Lovelace");
        model.put("attributes", Map.of("company", "ACME", "plan", "pro"));
        model.put("items", List.of(Map.of("name", "mug"), Map.of("size", "L")));
        model.put("unsubscribeUrl", "https://u.example/u/1");
        return model;
    }

    @Test
    void anInspectedRenderIsExactlyWhatASendRenders() {
        List<String> sources = List.of(
                "{{company}}|{{{company}}}|{{&company}}|{{attributes.compnay}}|{{firstName}}",
                "{{#company}}yes{{else}}no{{/company}}|{{^company}}none{{/company}}|{{^firstName}}anon{{/firstName}}",
                "{{#if firstName}}a{{else if lastName}}{{lastName}}{{else}}c{{/if}}{{#unless company}}u{{/unless}}",
                "{{#each items}}[{{@index}} {{name}}{{size}} {{../lastName}}]{{/each}}{{#each nothing}}x{{else}}e{{/each}}",
                "{{#with attributes}}{{company}} {{plan}} {{lastName}} {{zip}}{{/with}}{{lookup attributes \"plan\"}}",
                "{{default firstName \"there\"}} {{default frstName \"you\"}} {{default (lookup attributes \"plan\") \"-\"}}",
                "{{#*inline \"row\"}}<b>{{name}}{{missing}}</b>{{/inline}}{{#each items}}{{> row}}{{/each}}",
                "<a href=\"{{unsubscribeUrl}}\">{{!-- {{ignored}} --}}x</a>");
        for (String source : sources) {
            Template template = new Template(
                    source.hashCode(), "t", source.replace("\n", " "), source, source, 1, Instant.EPOCH, Instant.EPOCH);

            var sent = compiler.compiled(template).render(model());
            var inspected = compiler.inspectable(template).inspect(model()).message();

            assertThat(inspected).as(source).isEqualTo(sent);
        }
    }

    @Test
    void reportsPlainVariablesAndParametersThatResolveToNothingOncePerPart() {
        Template template = new Template(
                1,
                "t",
                "Hi {{firstName}}",
                "<p>{{company}} {{company}} {{attributes.compnay}} {{attributes.plan}} {{lastName}}</p>"
                        + "{{default firstName \"there\"}} {{default frstName \"you\"}}"
                        + "{{#if compnay}}x{{/if}}{{#each items}}{{name}}{{/each}}"
                        + "{{#with attributes}}{{lastName}}{{zip}}{{/with}}",
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);

        var unresolved = compiler.inspectable(template).inspect(model()).unresolved();

        assertThat(unresolved)
                .containsExactlyInAnyOrder(
                        new UnresolvedVariable("html", "company", true, false),
                        new UnresolvedVariable("html", "attributes.compnay", true, false),
                        new UnresolvedVariable("html", "firstName", false, false),
                        new UnresolvedVariable("html", "frstName", false, false),
                        new UnresolvedVariable("html", "compnay", false, false),
                        new UnresolvedVariable("html", "name", true, true),
                        new UnresolvedVariable("html", "zip", true, true),
                        new UnresolvedVariable("subject", "firstName", true, false));
    }
}
