package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateSyntaxException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateCompilerTest {

    private final TemplateCompiler compiler = TemplateFixtures.compiler();

    @Test
    void syntaxErrorsCarryTheFieldAndA1BasedPosition() {
        TemplateSyntaxException eof = catchThrowableOfType(
                TemplateSyntaxException.class, () -> compiler.check("Broken {{firstName", "", null));
        TemplateSyntaxException close = catchThrowableOfType(
                TemplateSyntaxException.class, () -> compiler.check("ok", "ok", "one\ntwo\n  {{/each}}"));
        TemplateSyntaxException helper = catchThrowableOfType(
                TemplateSyntaxException.class, () -> compiler.check("ok", "<p>{{shout firstName}}</p>", null));

        assertThat(eof.field()).isEqualTo("subject");
        assertThat(eof.line()).isEqualTo(1);
        assertThat(eof.column()).isEqualTo(19);
        assertThat(close.field()).isEqualTo("text");
        assertThat(close.line()).isEqualTo(3);
        assertThat(close.column()).isEqualTo(3);
        assertThat(helper.field()).isEqualTo("html");
        assertThat(helper.column()).isEqualTo(6);
        assertThat(helper.reason()).contains("shout");
    }

    @Test
    void escapesHtmlOnlyInTheHtmlPartAndMissingValuesRenderEmpty() {
        Template template = new Template(
                1,
                "t",
                "{{a}} {{missing}}{{deep.missing.value}}",
                "<a href=\"https://x.test/?q={{a}}&r=1\">{{a}}</a>{{{a}}}",
                "{{a}}",
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        Map<String, Object> model = new HashMap<>();
        model.put("a", "<b>\"Tom\" & 'Jerry'=</b>");

        RenderedMessage rendered = compiler.compiled(template).render(model);

        assertThat(rendered.subject()).isEqualTo("<b>\"Tom\" & 'Jerry'=</b>");
        assertThat(rendered.text()).isEqualTo("<b>\"Tom\" & 'Jerry'=</b>");
        assertThat(rendered.html())
                .isEqualTo(
                        "<a href=\"https://x.test/?q=&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;=&lt;/b&gt;&r=1\">"
                                + "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;=&lt;/b&gt;</a><b>\"Tom\" & 'Jerry'=</b>");
    }

    @Test
    void defaultHelperFallsBackOnMissingNullAndBlankValues() {
        Template template = new Template(
                2,
                "t",
                "{{default firstName \"there\"}}|{{default lastName \"x\"}}|{{default city \"nowhere\"}}",
                "<p>{{default firstName \"<there>\"}}</p>",
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        Map<String, Object> model = new HashMap<>();
        model.put("firstName", "  ");
        model.put("lastName", "Smith");
        model.put("city", null);

        RenderedMessage rendered = compiler.compiled(template).render(model);

        assertThat(rendered.subject()).isEqualTo("there|Smith|nowhere");
        assertThat(rendered.html()).isEqualTo("<p>&lt;there&gt;</p>");
        assertThat(rendered.text()).isEqualTo("<there>");
    }

    @Test
    void aSubjectNeverSpansLines() {
        Template template = new Template(3, "t", "Hi {{name}}!", "", null, 1, Instant.EPOCH, Instant.EPOCH);

        assertThat(compiler.compiled(template)
                        .render(Map.of("name", "a\r\nBcc: b"))
                        .subject())
                .isEqualTo("Hi a Bcc: b!");
    }

    @Test
    void compiledVersionsAreCachedByIdAndVersion() {
        Template v1 = new Template(4, "t", "one", "", null, 1, Instant.EPOCH, Instant.EPOCH);
        Template v2 = new Template(4, "t", "two", "", null, 2, Instant.EPOCH, Instant.EPOCH);

        assertThat(compiler.compiled(v1)).isSameAs(compiler.compiled(v1));
        assertThat(compiler.compiled(v2).render(Map.of()).subject()).isEqualTo("two");
        assertThat(compiler.compiled(v1).render(Map.of()).subject()).isEqualTo("one");
    }

    @Test
    void substitutedValuesAreMarkedForTrackingAndNeverLeaveMarked() {
        char start = DataMarks.START;
        char end = DataMarks.END;
        Template template = new Template(
                5,
                "t",
                "Hi {{name}}",
                "<p>Hi {{name}} {{{raw}}}{{missing}}</p><a href=\"https://x.test/\">Go</a>",
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        // a value cannot close its own mark early or open one that covers the template's text
        Map<String, Object> model = Map.of("name", end + "https://evil.example/x" + start, "raw", "<b>R</b>");

        MarkedMessage marked = compiler.compiled(template).renderMarked(model, null);
        RenderedMessage clean = compiler.compiled(template).render(model);

        assertThat(marked.html())
                .isEqualTo("<p>Hi " + start + "https://evil.example/x" + end + " " + start + "<b>R</b>" + end
                        + "</p><a href=\"https://x.test/\">Go</a>");
        assertThat(marked.text())
                .isEqualTo("Hi " + start + "https://evil.example/x" + end + " " + start + "R" + end
                        + "\n\nGo (https://x.test/)");
        assertThat(marked.subject()).isEqualTo("Hi https://evil.example/x");
        assertThat(clean.html())
                .isEqualTo("<p>Hi https://evil.example/x <b>R</b></p><a href=\"https://x.test/\">Go</a>");
        assertThat(clean.text()).isEqualTo("Hi https://evil.example/x R\n\nGo (https://x.test/)");
    }
}
