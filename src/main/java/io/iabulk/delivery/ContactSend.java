package io.iabulk.delivery;

import java.time.Instant;

/**
 * A message this platform sent to a contact, as engagement features see it. Opens and clicks are
 * the first human ones (the tracking rules decide; machine hits never set them).
 *
 * @param sentAt when the receiving side accepted it; for a message refused at SMTP time (a hard
 *     bounce), when it was attempted
 * @param openedAt its first human open, or null
 * @param clickedAt its first human click, or null
 * @param bouncedAt when it bounced (the send time: the bounce itself is not timed), or null
 * @param complainedAt its first spam complaint, or null
 */
public record ContactSend(
        long contactId, Instant sentAt, Instant openedAt, Instant clickedAt, Instant bouncedAt, Instant complainedAt) {}
