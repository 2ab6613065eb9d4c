package io.iabulk.contacts;

import java.time.Instant;

/**
 * A contact became UNSUBSCRIBED (through the API, an unsubscribe link or a provider's event);
 * published in the transaction of the change, once per change. The webhooks module tells the
 * operator's endpoints.
 */
public record ContactUnsubscribed(long contactId, Instant at) {}
