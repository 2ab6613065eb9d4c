package io.iabulk.campaigns;

/**
 * Something in a template that a recipient would not see as its author meant, found by a preview.
 *
 * @param part {@code subject}, {@code html} or {@code text}
 * @param variable the variable concerned, as the template wrote it ({@code company}, {@code
 *     attributes.plan}, {@code unsubscribeUrl})
 * @param kind {@code UNKNOWN_VARIABLE}: not a name the model ever has (a typo?);
 *     {@code EMPTY_VARIABLE}: a name the model has, empty for this contact; {@code
 *     NO_UNSUBSCRIBE_LINK}: campaigns will add a footer with one (or refuse to start)
 * @param message what happened and what to write instead
 */
public record TemplateWarning(String part, String variable, Kind kind, String message) {

    /** What a warning is about. */
    public enum Kind {
        UNKNOWN_VARIABLE,
        EMPTY_VARIABLE,
        NO_UNSUBSCRIBE_LINK
    }
}
