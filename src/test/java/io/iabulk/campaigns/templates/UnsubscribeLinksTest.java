package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.CampaignsProperties;
import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.Template;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnsubscribeLinksTest {

    private static final String LINK = "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>";

    @Test
    void aLinkToTheUnsubscribeUrlWithSomethingToClickIsVisible() {
        assertThat(UnsubscribeLinks.inHtml("<p>" + LINK + "</p>")).isTrue();
        assertThat(UnsubscribeLinks.inHtml("<A HREF = ' {{{ unsubscribeUrl }}} ' class=x>Stop</A>"))
                .isTrue();
        assertThat(UnsubscribeLinks.inHtml("<a href={{unsubscribeUrl}}><img src=\"x.png\" alt=\"\"></a>"))
                .isTrue();
        assertThat(UnsubscribeLinks.inHtml("<a href=\"{{~unsubscribeUrl~}}\">{{default label \"Stop\"}}</a>"))
                .isTrue();
        assertThat(UnsubscribeLinks.inHtml(
                        "<img alt=\"{{default firstName \"a > b\"}}\"><p title='it\"s'>" + LINK + "</p>"))
                .as("quotes and brackets inside {{…}} are not markup")
                .isTrue();
        assertThat(UnsubscribeLinks.inHtml(
                        "<div style=\"display:none\">preheader</div><span style=\"opacity:0.5\">" + LINK + "</span>"))
                .as("after a closed hidden element; half transparent is visible")
                .isTrue();
        assertThat(UnsubscribeLinks.inHtml("<!--[if !mso]><!-->" + LINK + "<!--<![endif]-->"))
                .as("a comment that shows its content to every client but Outlook")
                .isTrue();
    }

    @Test
    void hiddenCommentedConditionalOrUnclickableLinksDoNotCount() {
        assertThat(UnsubscribeLinks.inHtml("<p>{{unsubscribeUrl}}</p>"))
                .as("not a link")
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<a href=\"https://x.example/?next={{unsubscribeUrl}}\">x</a>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<!-- " + LINK + " -->")).isFalse();
        assertThat(UnsubscribeLinks.inHtml("{{!-- " + LINK + " --}}")).isFalse();
        assertThat(UnsubscribeLinks.inHtml("{{! " + LINK + " }}")).isFalse();
        assertThat(UnsubscribeLinks.inHtml("<div style=\"color:red; DISPLAY: none\"><p>" + LINK + "</p></div>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<a href=\"{{unsubscribeUrl}}\" style=\"visibility:hidden\">x</a>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<span style=\"opacity:0\">" + LINK + "</span>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<span style=\"font-size:0px\">" + LINK + "</span>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<div style=\"max-height:0;overflow:hidden\">" + LINK + "</div>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<div hidden>" + LINK + "</div>")).isFalse();
        assertThat(UnsubscribeLinks.inHtml("<html><head><title>x</title>" + LINK + "</head><body></body></html>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<script>var a = '" + LINK + "';</script>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("<a href=\"{{unsubscribeUrl}}\"> &nbsp; </a>"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("{{#if attributes.vip}}" + LINK + "{{/if}}"))
                .as("only some recipients would see it")
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("{{#each items}}" + LINK + "{{/each}}"))
                .isFalse();
        assertThat(UnsubscribeLinks.inHtml("{{#if x}}y{{/if}}<p>" + LINK + "</p>"))
                .isTrue();
    }

    @Test
    void theTextPartNeedsTheVariableOutsideBlocksAndADerivedOneFollowsTheHtml() {
        assertThat(UnsubscribeLinks.of("<p>x</p>", "Bye. Unsubscribe: {{unsubscribeUrl}}"))
                .isEqualTo(new UnsubscribeLinks.Presence(false, true));
        assertThat(UnsubscribeLinks.of(LINK, "{{#if a}}{{unsubscribeUrl}}{{/if}} {{!-- {{unsubscribeUrl}} --}}"))
                .isEqualTo(new UnsubscribeLinks.Presence(true, false));
        assertThat(UnsubscribeLinks.of(LINK, null)).isEqualTo(new UnsubscribeLinks.Presence(true, true));
        assertThat(UnsubscribeLinks.of("<p>x</p>", null)).isEqualTo(new UnsubscribeLinks.Presence(false, false));
    }

    @Test
    void bulkMailGetsTheFooterInEachPartWithoutALinkAndNothingElse() {
        TemplateCompiler compiler = new TemplateCompiler(new CampaignsProperties(
                "x@example.com", 10, Duration.ofSeconds(1), CampaignsProperties.UnsubscribeFooterMode.APPEND));
        Map<String, Object> model = Map.of("firstName", "Ada", "unsubscribeUrl", "https://u.example/u/1");

        RenderedMessage withoutLinks = compiler.compiledForBulk(
                        template(1, "<html><body><p>Hi {{firstName}}</p></BODY></html>", "Hi {{firstName}}"))
                .render(model);
        RenderedMessage derived =
                compiler.compiledForBulk(template(2, "<p>Hi</p>", null)).render(model);
        RenderedMessage htmlOnly = compiler.compiledForBulk(template(3, "<p>" + LINK + "</p>", "Hi"))
                .render(model);
        RenderedMessage complete = compiler.compiledForBulk(
                        template(4, "<p>" + LINK + "</p>", "Bye {{unsubscribeUrl}}"))
                .render(model);

        assertThat(withoutLinks.html())
                .startsWith("<html><body><p>Hi Ada</p>\n<p ")
                .contains("Don't want these emails? <a href=\"https://u.example/u/1\"")
                .endsWith("Unsubscribe</a></p>\n</BODY></html>");
        assertThat(withoutLinks.text())
                .isEqualTo("Hi Ada\n\n--\nDon't want these emails? Unsubscribe: https://u.example/u/1\n");
        assertThat(derived.text()).isEqualTo("Hi\n\nDon't want these emails? Unsubscribe (https://u.example/u/1)");
        assertThat(htmlOnly.html()).doesNotContain("Don't want");
        assertThat(htmlOnly.text()).endsWith("Unsubscribe: https://u.example/u/1\n");
        assertThat(complete)
                .isEqualTo(compiler.compiled(template(4, "<p>" + LINK + "</p>", "Bye {{unsubscribeUrl}}"))
                        .render(model));
        assertThat(compiler.compiled(template(1, "<p>Hi</p>", null))
                        .render(model)
                        .html())
                .as("transactional mail is sent as written")
                .isEqualTo("<p>Hi</p>");
    }

    private static Template template(long id, String html, String text) {
        return new Template(id, "t", "Subject", html, text, 1, Instant.EPOCH, Instant.EPOCH);
    }
}
