package io.iabulk.delivery;

/** What rendering one {@link QueuedSend} gave. */
public sealed interface RenderResult {

    /** Ready to send. */
    record Rendered(OutgoingMail mail) implements RenderResult {}

    /** Not to be sent: the contact is suppressed (unsubscribed, bounced, complained, erased). */
    record Suppressed(String reason) implements RenderResult {}

    /** Cannot be rendered (a missing template, a helper that fails); the recipient fails. */
    record Failed(String error) implements RenderResult {}
}
