package io.iabulk.campaigns.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.campaigns.CampaignsProperties;
import io.iabulk.campaigns.Template;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The current version of templates, for rendering batches. A template's row is reused
 * for {@code settings-ttl} (an edit made on another instance shows within that time; one made here
 * at once), and its compiled form is reused for as long as its version is current.
 */
@Component
public class TemplateCatalog {

    private final JdbcTemplateRepository templates;
    private final TemplateCompiler compiler;
    private final Cache<Long, Template> recent;

    TemplateCatalog(JdbcTemplateRepository templates, TemplateCompiler compiler, CampaignsProperties properties) {
        this.templates = templates;
        this.compiler = compiler;
        this.recent = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.settingsTtl())
                .build();
    }

    /** The current versions of these templates, by id; ids without a template are absent. */
    public Map<Long, Template> current(Collection<Long> ids) {
        Map<Long, Template> found = new HashMap<>(recent.getAllPresent(ids));
        List<Long> missing = new ArrayList<>();
        for (Long id : ids) {
            if (!found.containsKey(id)) {
                missing.add(id);
            }
        }
        for (Template template : templates.findAll(missing)) {
            recent.put(template.id(), template);
            found.put(template.id(), template);
        }
        return found;
    }

    /**
     * The compiled form of a template version (cached by id and version).
     *
     * @throws io.iabulk.campaigns.TemplateSyntaxException when a stored source no longer compiles
     */
    public CompiledTemplate compiled(Template template) {
        return compiler.compiled(template);
    }

    /**
     * The compiled form of a template version for campaign mail: with an unsubscribe footer where
     * the template has no visible link (see {@link TemplateCompiler#compiledForBulk}).
     */
    public CompiledTemplate compiledForBulk(Template template) {
        return compiler.compiledForBulk(template);
    }

    /** Drops a changed template from this instance's row cache. */
    public void changed(long id) {
        recent.invalidate(id);
    }
}
