package io.iabulk.campaigns.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.context.MapValueResolver;
import io.iabulk.campaigns.RenderedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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
     * @throws com.github.jknack.handlebars.HandlebarsException when a helper or partial fails, or
     *     the render goes over its {@link RenderBudget}
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
        return renderMarked(model, subjectVariant, null);
    }

    /**
     * Renders as {@link #render(Map)} and tells which variable references resolved to nothing. Only
     * a template compiled by {@link TemplateCompiler#inspectable} reports its plain variables; this
     * costs a second compilation and a wrapped model, so only the preview does it.
     */
    public Inspection inspect(Map<String, Object> model) {
        Lookups lookups = new Lookups();
        RenderedMessage message = renderMarked(model, null, lookups).clean();
        return new Inspection(message, lookups.unresolved());
    }

    /** A rendered message and the references that resolved to nothing, in the order met. */
    public record Inspection(RenderedMessage message, List<UnresolvedVariable> unresolved) {}

    private MarkedMessage renderMarked(
            Map<String, Object> model, com.github.jknack.handlebars.Template subjectVariant, Lookups lookups) {
        Context context = Context.newBuilder(lookups == null ? model : lookups.wrap(model))
                .resolver(MapValueResolver.INSTANCE)
                .build();
        RenderBudget.start(context);
        if (lookups != null) {
            lookups.attach(context);
        }
        try {
            String renderedHtml = apply("html", html, context, lookups);
            String renderedText =
                    text != null ? apply("text", text, context, lookups) : HtmlToText.convert(renderedHtml);
            String renderedSubject =
                    apply("subject", subjectVariant != null ? subjectVariant : subject, context, lookups);
            return new MarkedMessage(oneLine(DataMarks.strip(renderedSubject)), renderedHtml, renderedText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StackOverflowError e) {
            // the net under the render budget: blocks inside partials nested deeper than the stack
            throw new HandlebarsException("the template nests too deeply to render", null);
        } finally {
            context.destroy();
        }
    }

    private static String apply(
            String name, com.github.jknack.handlebars.Template part, Context context, Lookups lookups)
            throws IOException {
        if (lookups != null) {
            lookups.part(name, part);
        }
        RenderBudget.Output output = new RenderBudget.Output();
        part.apply(context, output);
        return output.toString();
    }

    /** A subject is a header: a value with a line break must not break it into two. */
    private static String oneLine(String subject) {
        return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
