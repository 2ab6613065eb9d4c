package io.iabulk.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A webhook just created, with its signing secret: the only answer that shows the secret. The
 * other fields are those of {@link Webhook}.
 *
 * @param secret the HMAC-SHA256 key of its signatures
 */
public record CreatedWebhook(
        long id, String url, List<String> events, boolean enabled, Instant createdAt, String secret) {

    static CreatedWebhook of(Webhook webhook, String secret) {
        return new CreatedWebhook(
                webhook.id(), webhook.url(), webhook.events(), webhook.enabled(), webhook.createdAt(), secret);
    }

    /** The webhook without its secret. */
    public Webhook webhook() {
        return new Webhook(id, url, events, enabled, createdAt, null, null, null);
    }
}
