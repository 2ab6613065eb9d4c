package io.iabulk.campaigns.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Decorator;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.TypeSafeTemplate;
import com.github.jknack.handlebars.helper.DefaultHelperRegistry;
import com.github.jknack.handlebars.helper.EachHelper;
import java.io.IOException;
import java.io.Writer;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The helpers an operator's template may call: {@code if}, {@code unless}, {@code each}, {@code
 * with}, {@code lookup} and our {@code default}, over the model's maps only. The other built-ins
 * reach the server: {@code log} writes the service log (at ERROR if the template asks), {@code
 * i18n} and {@code i18nJs} read resource bundles of the class path, {@code precompile} and {@code
 * embedded} load partials, {@code block} and {@code partial} are a second partial mechanism that
 * may call itself. To a template they do not exist (a syntax error when called with arguments).
 * {@code each} and inline partials ({@code {{#*inline}}}) spend the render's {@link RenderBudget}.
 */
final class TemplateHelpers extends DefaultHelperRegistry {

    /** The helpers of {@link TemplateVariables#HELPERS}. */
    private static final Set<String> ALLOWED = TemplateVariables.helperNames();

    private static final Helper<Object> EACH = (items, options) -> {
        RenderBudget.of(options).iterate(items);
        return EachHelper.INSTANCE.apply(items, options);
    };

    /** As Handlebars' own {@code inline} decorator, with the partial counted when called. */
    private static final Decorator INLINE = (fn, options) -> {
        Deque<Map<String, Template>> partials = options.data(Context.INLINE_PARTIALS);
        String name = options.param(0);
        partials.getLast().put(name, new CountedPartial(name, options.fn));
    };

    private final boolean inspecting;

    TemplateHelpers() {
        this(false);
    }

    /**
     * @param inspecting whether the variables that resolve to nothing are reported to the render's
     *     {@link Lookups} (Handlebars' {@code helperMissing}); only the preview's engines do, and they
     *     never compile a source that was not first compiled without it (with it, an unknown helper
     *     would no longer be a syntax error)
     */
    TemplateHelpers(boolean inspecting) {
        this.inspecting = inspecting;
        registerHelper("default", TemplateCompiler.DEFAULT);
        if (inspecting) {
            registerHelperMissing(Lookups.MISSING);
        }
    }

    @Override
    public <C> Helper<C> helper(String name) {
        if ("each".equals(name)) {
            @SuppressWarnings("unchecked")
            Helper<C> each = (Helper<C>) EACH;
            return each;
        }
        if (inspecting && HELPER_MISSING.equals(name)) {
            return super.helper(name);
        }
        return ALLOWED.contains(name) ? super.helper(name) : null;
    }

    @Override
    public Decorator decorator(String name) {
        return "inline".equals(name) ? INLINE : null;
    }

    /** An inline partial that checks the partial depth and spends a step on every call. */
    private record CountedPartial(String name, Template body) implements Template {

        @Override
        public void apply(Context context, Writer writer) throws IOException {
            RenderBudget budget = RenderBudget.of(context);
            budget.enterPartial(name);
            try {
                body.apply(context, writer);
            } finally {
                budget.leavePartial();
            }
        }

        @Override
        public String apply(Context context) throws IOException {
            RenderBudget.Output output = new RenderBudget.Output();
            apply(context, output);
            return output.toString();
        }

        @Override
        public void apply(Object context, Writer writer) throws IOException {
            apply(Context.newContext(context), writer);
        }

        @Override
        public String apply(Object context) throws IOException {
            return apply(Context.newContext(context));
        }

        @Override
        public String text() {
            return body.text();
        }

        @Override
        public String toJavaScript() {
            return body.toJavaScript();
        }

        @Override
        public <T, S extends TypeSafeTemplate<T>> S as(Class<S> type) {
            return body.as(type);
        }

        @Override
        public <T> TypeSafeTemplate<T> as() {
            return body.as();
        }

        @Override
        public List<String> collect(TagType... tagType) {
            return body.collect(tagType);
        }

        @Override
        public List<String> collectReferenceParameters() {
            return body.collectReferenceParameters();
        }

        @Override
        public String filename() {
            return body.filename();
        }

        @Override
        public int[] position() {
            return body.position();
        }
    }
}
