package io.iabulk.campaigns.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.context.MapValueResolver;
import io.iabulk.campaigns.RenderedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One template version, compiled: thread-safe and reused for every send of that version.
 *
 * @param text the compiled text source, or null when the text part is derived from the HTML
 */
public record CompiledTemplate(
        long id,
        int version,
        com.github.jknack.handlebars.Template subject,
        com.github.jknack.handlebars.Template html,
        com.github.jknack.handlebars.Template text) {

    /**
     * Renders the three parts with one context. The model holds only maps, lists and scalars, so
     * only the map resolver is needed (no reflection on application objects).
     *
     * @throws com.github.jknack.handlebars.HandlebarsException when a helper or partial fails
     */
    public RenderedMessage render(Map<String, Object> model) {
        return renderMarked(model, null).clean();
    }

    /**
     * Renders with another subject source (a campaign's subject variant) in place of the
     * template's, or the template's own when {@code subjectVariant} is null.
     */
    public RenderedMessage render(Map<String, Object> model, com.github.jknack.handlebars.Template subjectVariant) {
        return renderMarked(model, subjectVariant).clean();
    }

    /**
     * Renders with the substituted values of the html and text parts between {@link DataMarks},
     * for link tracking. A derived text part keeps the marks of the HTML it comes from.
     */
    public MarkedMessage renderMarked(Map<String, Object> model, com.github.jknack.handlebars.Template subjectVariant) {
        Context context =
                Context.newBuilder(model).resolver(MapValueResolver.INSTANCE).build();
        try {
            String renderedHtml = html.apply(context);
            String renderedText = text != null ? text.apply(context) : HtmlToText.convert(renderedHtml);
            String renderedSubject = (subjectVariant != null ? subjectVariant : subject).apply(context);
            return new MarkedMessage(oneLine(DataMarks.strip(renderedSubject)), renderedHtml, renderedText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            context.destroy();
        }
    }

    /** A subject is a header: a value with a line break must not break it into two. */
    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
