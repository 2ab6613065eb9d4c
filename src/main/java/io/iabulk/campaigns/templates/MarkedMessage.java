package io.iabulk.campaigns.templates;

import io.iabulk.campaigns.RenderedMessage;

/**
 * A rendered message whose html and text parts still carry {@link DataMarks} around substituted
 * values, for the link rewriter; never sent as it is.
 *
 * @param subject the subject, without marks (it has no links to track)
 */
public record MarkedMessage(String subject, String html, String text) {

    /** The message as sent when it is not tracked: the same parts without marks. */
    public RenderedMessage clean() {
        return new RenderedMessage(subject, DataMarks.strip(html), DataMarks.strip(text));
    }
}
