package io.iabulk.campaigns.templates;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records, during one inspected render, the variable references that resolved to nothing. Two
 * sources, because Handlebars reports only one kind of miss itself:
 *
 * <ul>
 *   <li>a {@code {{variable}}} that no scope holds reaches {@code helperMissing} ({@link #MISSING}),
 *       after Handlebars looked in every enclosing scope: exact, also inside {@code #each}/{@code
 *       #with};
 *   <li>a helper's parameter or a block's value ({@code {{default x "…"}}}, {@code {{#if x}}}) is
 *       looked up silently; the root of the model is wrapped ({@link #wrap}) so that a name no
 *       scope holds, which always ends its lookup at the root, is seen there. Handlebars also asks
 *       the root for names of its own (a partial call asks for {@code size}), so only names the part
 *       writes as parameters or section names are kept.
 * </ul>
 *
 * Only the preview's engines report here: sends never pay for it.
 */
final class Lookups {

    private static final String KEY = Lookups.class.getName();

    /**
     * Handlebars' {@code helperMissing} of the inspecting engines: records an inline variable that
     * resolved to nothing and renders nothing, as the sending engines do. A block on a missing value
     * ({@code {{#name}}…{{/name}}}) goes to the helper Handlebars would have used without it, so the
     * preview renders exactly what a send renders.
     */
    static final Helper<Object> MISSING = (context, options) -> {
        if (options.tagType.inline()) {
            Lookups lookups = options.data(KEY);
            if (lookups != null) {
                lookups.plain(options.helperName, context);
            }
            return null;
        }
        Helper<Object> helper = options.handlebars.helper(options.helperName);
        return helper == null ? null : helper.apply(context, options);
    };

    private final Map<String, UnresolvedVariable> found = new LinkedHashMap<>();
    private RootModel root;
    private String part;
    private Set<String> parameters = Set.of();

    /** Starts recording for a render whose context was built on {@link #wrap}'s result. */
    void attach(com.github.jknack.handlebars.Context context) {
        context.data(KEY, this);
    }

    /** The model as the render must see it: the same entries, lookups at the root recorded. */
    Map<String, Object> wrap(Map<String, Object> model) {
        root = new RootModel(model, this);
        return root;
    }

    /** The part rendered next and its compiled source. */
    void part(String name, Template source) {
        part = name;
        Set<String> names = new HashSet<>(source.collectReferenceParameters());
        names.addAll(source.collect(TagType.SECTION));
        parameters = names;
    }

    /** What resolved to nothing, in the order first met; one entry per part and name. */
    List<UnresolvedVariable> unresolved() {
        return new ArrayList<>(found.values());
    }

    private void plain(String name, Object scope) {
        // a plain use wins over a parameter use; a use at the root over one inside a block
        found.merge(
                part + '\u0000' + name,
                new UnresolvedVariable(part, name, true, scope != root),
                (before, now) -> before.plain() && !before.nested() ? before : now);
    }

    private void atRoot(String name) {
        if (parameters.contains(name)) {
            found.putIfAbsent(part + '\u0000' + name, new UnresolvedVariable(part, name, false, false));
        }
    }

    /** The root of the model: a lookup that finds nothing here found nothing anywhere. */
    private static final class RootModel extends HashMap<String, Object> {

        private final transient Lookups lookups;

        RootModel(Map<String, Object> model, Lookups lookups) {
            super(model);
            this.lookups = lookups;
        }

        @Override
        public Object get(Object key) {
            Object value = super.get(key);
            if (value == null && key instanceof String name) {
                lookups.atRoot(name);
            }
            return value;
        }
    }
}
