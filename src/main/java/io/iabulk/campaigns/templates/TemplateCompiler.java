package io.iabulk.campaigns.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Formatter;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.io.AbstractTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import io.iabulk.campaigns.CampaignsProperties;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateSyntaxException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compiles template sources with Handlebars. The HTML part escapes variables ({@code & < > " '},
 * enough for element content and quoted attributes; {@code =} stays as is so links read cleanly);
 * the subject and text parts are not HTML, so they are not escaped. Every substituted value is
 * enclosed in {@link DataMarks}, so link tracking knows what the author wrote. Only safe helpers
 * exist ({@link TemplateHelpers}), and sources nesting deeper than {@link TemplateNesting#MAX_DEPTH}
 * are refused before the parser sees them.
 * Compiled versions are cached by (id, version): a version never changes once written.
 */
@Component
public class TemplateCompiler {

    private final Handlebars htmlEngine;
    private final Handlebars plainEngine;
    private final Handlebars inspectingHtmlEngine;
    private final Handlebars inspectingPlainEngine;
    private final Cache<Key, CompiledTemplate> compiled;
    private final Cache<Key, CompiledTemplate> compiledForBulk;

    TemplateCompiler(CampaignsProperties properties) {
        this.htmlEngine = engine(TemplateCompiler::escapeHtml, false);
        this.plainEngine = engine(EscapingStrategy.NOOP, false);
        this.inspectingHtmlEngine = engine(TemplateCompiler::escapeHtml, true);
        this.inspectingPlainEngine = engine(EscapingStrategy.NOOP, true);
        this.compiled = Caffeine.newBuilder()
                .maximumSize(properties.templateCacheSize())
                .build();
        this.compiledForBulk = Caffeine.newBuilder()
                .maximumSize(properties.templateCacheSize())
                .build();
    }

    private record Key(long id, int version) {}

    static CharSequence escapeHtml(CharSequence value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#x27;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out;
    }

    private static Handlebars engine(EscapingStrategy escaping, boolean inspecting) {
        return new Handlebars(new NoPartials())
                .with(new TemplateHelpers(inspecting))
                .with(escaping)
                .with(MARK_DATA);
    }

    /**
     * Applied by Handlebars to the value of every {@code {{variable}}} and {@code {{{variable}}}}
     * (and helper result) before escaping, never to the template's own text: the one place where
     * data enters a rendered part.
     */
    static final Formatter MARK_DATA = (value, next) -> {
        Object formatted = next.format(value);
        String marked = DataMarks.mark(formatted.toString());
        return formatted instanceof Handlebars.SafeString ? new Handlebars.SafeString(marked) : marked;
    };

    /**
     * {@code {{default firstName "there"}}}: the value, or the fallback when the value is missing,
     * null or blank.
     */
    static final Helper<Object> DEFAULT = (value, options) -> {
        boolean empty = value == null
                || (value instanceof CharSequence s && s.toString().isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
        return empty ? options.param(0, "") : value;
    };

    /**
     * Compiles the three sources of a draft, so nothing unparseable is stored.
     *
     * @throws TemplateSyntaxException naming the first source that does not parse
     */
    public void check(String subject, String html, String text) {
        compile("subject", plainEngine, subject);
        compile("html", htmlEngine, html);
        if (text != null) {
            compile("text", plainEngine, text);
        }
    }

    /** The compiled form of a stored template version, compiled on first use. */
    public CompiledTemplate compiled(Template template) {
        return compiled.get(
                new Key(template.id(), template.version()),
                key -> new CompiledTemplate(
                        template.id(),
                        template.version(),
                        compile("subject", plainEngine, template.subject()),
                        compile("html", htmlEngine, template.html()),
                        template.text() == null ? null : compile("text", plainEngine, template.text())));
    }

    /**
     * The compiled form of a stored template version for bulk mail (campaigns): as {@link
     * #compiled}, with {@link UnsubscribeFooter} added to each part that has no visible unsubscribe
     * link ({@link UnsubscribeLinks}). Decided once per version, so sends pay nothing for it.
     */
    public CompiledTemplate compiledForBulk(Template template) {
        return compiledForBulk.get(new Key(template.id(), template.version()), key -> {
            UnsubscribeLinks.Presence links = UnsubscribeLinks.of(template.html(), template.text());
            if (links.complete()) {
                return compiled(template);
            }
            String html = links.html() ? template.html() : UnsubscribeFooter.appendToHtml(template.html());
            String text = template.text() == null || links.text()
                    ? template.text()
                    : UnsubscribeFooter.appendToText(template.text());
            return new CompiledTemplate(
                    template.id(),
                    template.version(),
                    compile("subject", plainEngine, template.subject()),
                    compile("html", htmlEngine, html),
                    text == null ? null : compile("text", plainEngine, text));
        });
    }

    /**
     * A template version compiled for a preview that reports the variables resolving to nothing
     * ({@link CompiledTemplate#inspect}). Compiled on every call (previews are rare), and only after
     * the sources passed the sending engines, which alone report unknown helpers.
     */
    public CompiledTemplate inspectable(Template template) {
        CompiledTemplate checked = compiled(template);
        return new CompiledTemplate(
                checked.id(),
                checked.version(),
                compile("subject", inspectingPlainEngine, template.subject()),
                compile("html", inspectingHtmlEngine, template.html()),
                template.text() == null ? null : compile("text", inspectingPlainEngine, template.text()));
    }

    /**
     * Unsaved sources (an editor's draft) compiled for a preview as {@link #inspectable}: checked
     * with the sending engines first, never cached.
     *
     * @throws TemplateSyntaxException naming the first source that does not parse
     */
    public CompiledTemplate inspectableDraft(String subject, String html, String text) {
        check(subject, html, text);
        return new CompiledTemplate(
                0,
                0,
                compile("subject", inspectingPlainEngine, subject),
                compile("html", inspectingHtmlEngine, html),
                text == null ? null : compile("text", inspectingPlainEngine, text));
    }

    /**
     * Compiles one extra subject source (a campaign's subject variant), not cached here: the
     * caller keeps it with the campaign.
     *
     * @throws TemplateSyntaxException when it does not compile
     */
    public com.github.jknack.handlebars.Template compileSubject(String field, String source) {
        return compile(field, plainEngine, source);
    }

    private static com.github.jknack.handlebars.Template compile(String field, Handlebars engine, String source) {
        TemplateNesting.check(field, source);
        try {
            // a mark written by the author would make their text look like data (or the reverse)
            return engine.compileInline(DataMarks.strip(source));
        } catch (HandlebarsException e) {
            if (e.getError() != null) {
                // Handlebars counts columns from 0; editors (and our clients) from 1
                throw new TemplateSyntaxException(
                        field, e.getError().line, e.getError().column + 1, e.getError().reason);
            }
            throw new TemplateSyntaxException(field, 1, 1, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            throw new TemplateSyntaxException(field, 1, 1, e.getMessage());
        } catch (StackOverflowError e) {
            // the net under TemplateNesting: the parser recursed deeper than the stack
            throw new TemplateSyntaxException(field, 1, 1, "the template nests too deeply");
        }
    }

    /**
     * Operators write templates, not files: a partial ({@code {{> name}}}) would otherwise be read
     * from the class path. Every partial is missing, which fails that render.
     */
    private static final class NoPartials extends AbstractTemplateLoader {

        @Override
        public TemplateSource sourceAt(String location) throws IOException {
            throw new FileNotFoundException("partials are not supported: " + location);
        }
    }
}
