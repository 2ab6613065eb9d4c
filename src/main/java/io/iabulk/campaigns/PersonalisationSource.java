package io.iabulk.campaigns;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Template variables that another module fills (the intelligence module's {@code predictions}),
 * so that campaigns can personalise with facts it does not own without depending on their module.
 * The names are documented with every other variable in {@code templates.TemplateVariables}; the
 * renderer asks once per batch of messages, never once per message, and only when a template of the
 * batch mentions one of {@link #names()}.
 */
public interface PersonalisationSource {

    /** The top-level variables this source fills. */
    Set<String> names();

    /**
     * The variables of these contacts, read at once: by contact id, a map from a variable of {@link
     * #names()} to its value. A contact the source knows nothing of is absent, and its variables render
     * empty.
     */
    Map<Long, Map<String, Object>> variables(Collection<Long> contactIds);
}
