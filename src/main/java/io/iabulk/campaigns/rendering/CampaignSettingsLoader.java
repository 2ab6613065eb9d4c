package io.iabulk.campaigns.rendering;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.campaigns.CampaignsProperties;
import io.iabulk.campaigns.TemplateSyntaxException;
import io.iabulk.campaigns.templates.TemplateCompiler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Campaign rows as rendering needs them, reused for {@code settings-ttl}: every batch of a
 * campaign would otherwise read the same row again.
 */
@Component
class CampaignSettingsLoader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TemplateCompiler compiler;
    private final Cache<Long, CampaignSettings> recent;

    CampaignSettingsLoader(JdbcClient jdbc, TemplateCompiler compiler, CampaignsProperties properties) {
        this.jdbc = jdbc;
        this.compiler = compiler;
        this.recent = Caffeine.newBuilder()
                .maximumSize(1_000)
                .expireAfterWrite(properties.settingsTtl())
                .build();
    }

    /** The settings of these campaigns, by id; ids without a campaign are absent. */
    Map<Long, CampaignSettings> load(Collection<Long> ids) {
        Map<Long, CampaignSettings> found = new HashMap<>(recent.getAllPresent(ids));
        List<Long> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return found;
        }
        // primary-key lookups of the few campaigns a batch belongs to
        jdbc.sql("""
                SELECT id, template_id, context_contest_id, from_address, reply_to, subject_variants,
                    track_conversions
                FROM campaigns WHERE id IN (:ids)
                """).param("ids", missing).query(rs -> {
            long contest = rs.getLong(3);
            Long contextContest = rs.wasNull() ? null : contest;
            List<com.github.jknack.handlebars.Template> variants = new ArrayList<>();
            String variantError = null;
            try {
                variants = variants(rs.getString(6));
            } catch (RuntimeException e) {
                variantError = e.getMessage();
            }
            CampaignSettings settings = new CampaignSettings(
                    rs.getLong(1),
                    rs.getLong(2),
                    contextContest,
                    rs.getString(4),
                    rs.getString(5),
                    List.copyOf(variants),
                    variantError,
                    rs.getBoolean(7));
            recent.put(settings.id(), settings);
            found.put(settings.id(), settings);
        });
        return found;
    }

    private List<com.github.jknack.handlebars.Template> variants(String json) {
        List<com.github.jknack.handlebars.Template> variants = new ArrayList<>();
        if (json == null || json.isBlank()) {
            return variants;
        }
        JsonNode array = JSON.readTree(json);
        if (!array.isArray()) {
            throw new IllegalArgumentException("subject_variants is not a JSON array");
        }
        for (int i = 0; i < array.size(); i++) {
            try {
                variants.add(compiler.compileSubject(
                        "subjectVariants[" + i + "]", array.get(i).asString()));
            } catch (TemplateSyntaxException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return variants;
    }
}
