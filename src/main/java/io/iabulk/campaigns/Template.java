package io.iabulk.campaigns;

import java.time.Instant;

/**
 * An email template: Handlebars sources for the subject, the HTML part and (optionally) the text
 * part.
 *
 * @param text the plain-text source, or null when the text part is derived from the rendered HTML
 * @param version 1 when created, +1 on every change; compiled templates are cached by (id, version)
 */
public record Template(
        long id,
        String name,
        String subject,
        String html,
        String text,
        int version,
        Instant createdAt,
        Instant updatedAt) {}
