package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.campaigns.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

class TemplateNestingTest {

    private static final int MAX = TemplateNesting.MAX_DEPTH;

    @Test
    void countsOpenBlocksNotSiblings() {
        String siblings = "{{#if a}}x{{/if}}".repeat(10_000);
        String deepest = "{{#each a}}".repeat(MAX) + "{{/each}}".repeat(MAX);

        assertThatCode(() -> TemplateNesting.check("html", siblings)).doesNotThrowAnyException();
        assertThatCode(() -> TemplateNesting.check("html", deepest)).doesNotThrowAnyException();
        assertThatThrownBy(() -> TemplateNesting.check("html", "{{#each a}}" + deepest + "{{/each}}"))
                .isInstanceOf(TemplateSyntaxException.class);
    }

    @Test
    void elsesCommentsTripleStashesAndStringsDoNotOpenBlocks() {
        String source = "{{#if a}}{{else}}{{^}}{{~else~}}{{/if}}{{!-- {{#if a}} --}}{{! {{#if}} }}{{{raw}}}"
                + "{{default \"((((\" '))'}}{{&amp}}";

        assertThatCode(() -> TemplateNesting.check("html", source.repeat(100))).doesNotThrowAnyException();
    }

    @Test
    void chainedElsesAndSubExpressionsCount() {
        assertThatThrownBy(() -> TemplateNesting.check("html", "{{#if a}}" + "{{else if b}}".repeat(MAX) + "{{/if}}"))
                .isInstanceOf(TemplateSyntaxException.class);
        assertThatThrownBy(() ->
                        TemplateNesting.check("subject", "{{a " + "(b ".repeat(MAX + 1) + ")".repeat(MAX + 1) + "}}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.field()).isEqualTo("subject");
                    assertThat(e.line()).isEqualTo(1);
                });
    }

    @Test
    void theSpotOfTheErrorIsGivenByLineAndColumn() {
        String source = "line one\n  " + "{{#if a}}".repeat(MAX + 1);

        assertThatThrownBy(() -> TemplateNesting.check("html", source))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3 + MAX * 9);
                });
    }

    @Test
    void changedDelimitersAreRefusedSinceTheyWouldHideBlocks() {
        assertThatThrownBy(() -> TemplateNesting.check("html", "{{=<% %>=}}<%#if a%>x<%/if%>"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("delimiters");
    }
}
