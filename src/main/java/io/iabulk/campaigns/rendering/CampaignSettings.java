package io.iabulk.campaigns.rendering;

import java.util.List;

/**
 * What rendering needs of a campaign.
 *
 * @param contextContestId the contest whose participation fills the context, or null
 * @param subjectVariants the compiled subject variants (empty when the campaign has none); a
 *     send's {@code variant} indexes this list
 * @param variantError why the variants could not be compiled, or null
 * @param trackConversions whether click links carry the flag that appends {@code iab_click}
 */
record CampaignSettings(
        long id,
        long templateId,
        Long contextContestId,
        String from,
        String replyTo,
        List<com.github.jknack.handlebars.Template> subjectVariants,
        String variantError,
        boolean trackConversions) {}
