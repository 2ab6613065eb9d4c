package io.iabulk.campaigns;

import io.iabulk.platform.StorableText;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * Renders a template for one contact.
 *
 * @param contestId the contest whose participation fills {@code referralUrl}, {@code rank}, ...;
 *     null for none
 * @param context extra variables, as a transactional message would carry them
 */
public record PreviewRequest(
        @NotNull Long contactId,
        Long contestId,
        @StorableText Map<String, Object> context) {}
