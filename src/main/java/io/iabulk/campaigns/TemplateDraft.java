package io.iabulk.campaigns;

import io.iabulk.platform.SingleLine;
import io.iabulk.platform.StorableText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The sources of a template as an operator sends them (create and replace).
 *
 * @param subject the subject template; one line
 * @param html the HTML template; variables are HTML-escaped unless written {@code {{{triple}}}}
 * @param text the plain-text template, or null to derive the text part from the rendered HTML
 */
public record TemplateDraft(
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotBlank @Size(max = 1000) @SingleLine String subject,
        @NotBlank @Size(max = 1_000_000) @StorableText String html,
        @Size(max = 1_000_000) @StorableText String text) {}
