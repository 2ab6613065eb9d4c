package io.iabulk.intelligence;

import java.time.Instant;

/**
 * One message a contact received, sent by this platform or imported from a previous mailer, as
 * the features see it. Opens and clicks are human only (the tracking rules keep machine hits out).
 *
 * @param sentAt when it was sent
 * @param openedAt the first human open, or null
 * @param clickedAt the first human click, or null
 * @param opens human opens counted (at least 1 when {@code openedAt} is set; imported counts as given)
 * @param clicks human clicks counted
 * @param unsubscribedAt when the contact unsubscribed through it, or null
 * @param bouncedAt when it bounced, or null
 * @param complainedAt when it was reported as spam, or null
 * @param imported whether it comes from the history import rather than from our own sends
 */
public record PastSend(
        Instant sentAt,
        Instant openedAt,
        Instant clickedAt,
        int opens,
        int clicks,
        Instant unsubscribedAt,
        Instant bouncedAt,
        Instant complainedAt,
        boolean imported) {}
