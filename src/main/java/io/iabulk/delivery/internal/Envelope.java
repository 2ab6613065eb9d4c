package io.iabulk.delivery.internal;

import io.iabulk.delivery.OutgoingMail;

/** A rendered message and the queue row it belongs to (0 for mail sent outside the queue). */
public record Envelope(long sendId, OutgoingMail mail) {}
