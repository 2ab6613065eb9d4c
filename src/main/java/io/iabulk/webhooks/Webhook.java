package io.iabulk.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as the API shows it (never its secret).
 *
 * @param events the wire names of the event types it receives
 * @param enabled whether deliveries are sent; false once disabled after failing for a day
 * @param failingSince the first failed attempt since its last success, or null
 * @param disabledAt when it was disabled, or null
 * @param disabledReason why it was disabled, or null
 */
public record Webhook(
        long id,
        String url,
        List<String> events,
        boolean enabled,
        Instant createdAt,
        Instant failingSince,
        Instant disabledAt,
        String disabledReason) {}
