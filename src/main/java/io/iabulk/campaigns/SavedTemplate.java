package io.iabulk.campaigns;

import java.time.Instant;
import java.util.List;

/**
 * A template as a create or replace stored it (the fields of {@link Template}), and what its author
 * should know at once, before any preview.
 *
 * @param warnings names that are not variables of the model ({@code UNKNOWN_VARIABLE}: campaigns
 *     render them empty) and a missing unsubscribe link ({@code NO_UNSUBSCRIBE_LINK}); values empty
 *     for some contact show only in a preview, which has a contact
 */
public record SavedTemplate(
        long id,
        String name,
        String subject,
        String html,
        String text,
        int version,
        Instant createdAt,
        Instant updatedAt,
        List<TemplateWarning> warnings) {

    public static SavedTemplate of(Template template, List<TemplateWarning> warnings) {
        return new SavedTemplate(
                template.id(),
                template.name(),
                template.subject(),
                template.html(),
                template.text(),
                template.version(),
                template.createdAt(),
                template.updatedAt(),
                List.copyOf(warnings));
    }
}
