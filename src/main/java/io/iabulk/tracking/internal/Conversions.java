package io.iabulk.tracking.internal;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SendFacts;
import io.iabulk.tracking.TrackingLinks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attributes conversions to sends: a raw {@code conversion} event, the send's first-conversion
 * mark (its winner counts {@code email.converted}), and the {@code conversion} rollup with the
 * value summed per currency. An event id already stored that day is a retry and changes nothing.
 */
@Component
public class Conversions {

    private final TrackingLinks links;
    private final DeliveryService delivery;
    private final AnalyticsService analytics;
    private final Clock clock;

    Conversions(TrackingLinks links, DeliveryService delivery, AnalyticsService analytics, Clock clock) {
        this.links = links;
        this.delivery = delivery;
        this.analytics = analytics;
        this.clock = clock;
    }

    /**
     * A conversion to record, already validated.
     *
     * @param token the {@code iab_click} value, or null to name the send by contact and campaign
     * @param value the amount (null: none), with {@code currency} (ISO 4217) when given
     * @param eventId the client's id for safe retries, or null
     */
    public record NewConversion(
            String token, Long contactId, Long campaignId, BigDecimal value, String currency, String eventId) {}

    /**
     * What became of a conversion.
     *
     * @param firstConversion whether it was the send's first (counted as a unique conversion)
     * @param duplicate whether its event id was already recorded (nothing changed)
     */
    public record Recorded(long sendId, Long campaignId, boolean firstConversion, boolean duplicate) {}

    /** Records a conversion; empty when its token is forged or no send matches. */
    @Transactional
    public Optional<Recorded> record(NewConversion conversion) {
        Optional<SendFacts> found = send(conversion);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SendFacts send = found.get();
        Instant now = clock.instant();
        String properties = conversion.value() == null
                ? null
                : "{\"value\":" + conversion.value().toPlainString() + ",\"currency\":\"" + conversion.currency()
                        + "\"}";
        List<AnalyticsEvent> stored = analytics.append(List.of(new AnalyticsEvent(
                conversion.eventId() != null
                        ? conversion.eventId()
                        : UUID.randomUUID().toString(),
                EventTypes.CONVERSION,
                now,
                send.contactId(),
                null,
                send.campaignId(),
                send.sendId(),
                null,
                properties)));
        if (stored.isEmpty()) {
            return Optional.of(new Recorded(send.sendId(), send.campaignId(), false, true));
        }
        boolean first = delivery.markConverted(send.sendId(), now);
        long campaign = send.campaignId() == null ? 0 : send.campaignId();
        String currency = conversion.value() == null ? "" : conversion.currency();
        AfterCommit.run(() -> {
            if (first) {
                analytics.count(EventTypes.EMAIL_CONVERTED, 0, campaign, now, 1);
            }
            analytics.count(EventTypes.CONVERSION, 0, campaign, currency, now, 1, conversion.value());
        });
        return Optional.of(new Recorded(send.sendId(), send.campaignId(), first, false));
    }

    private Optional<SendFacts> send(NewConversion conversion) {
        OptionalLong sendId = conversion.token() != null
                ? links.conversionSend(conversion.token())
                : delivery.latestSend(conversion.contactId(), conversion.campaignId());
        return sendId.isPresent() ? delivery.sendFacts(sendId.getAsLong()) : Optional.empty();
    }
}
