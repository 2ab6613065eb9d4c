package io.iabulk.campaigns;

import java.util.List;

/**
 * A template rendered for one contact, and what in it did not render as written.
 *
 * @param warnings the variables that resolved to nothing for this contact (a plain {@code
 *     {{variable}}}; an empty value that {@code {{default}}} or {@code {{#if}}} already handles is not
 *     reported, an unknown name anywhere is), and a missing unsubscribe link; empty when all is well
 */
public record TemplatePreview(String subject, String html, String text, List<TemplateWarning> warnings) {}
