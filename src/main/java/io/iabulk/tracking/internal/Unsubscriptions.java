package io.iabulk.tracking.internal;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactId;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SendFacts;
import io.iabulk.platform.NotFoundException;
import io.iabulk.tracking.TrackingLinks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribes through a message's signed {@code /u/} link. Only the change of the contact from
 * subscribed to unsubscribed appends an {@code email.unsubscribed} event and counts it (for the
 * send's campaign): repeating the request, or unsubscribing a contact that bounced, counts
 * nothing. It is not an open: the send's marks are left alone.
 */
@Component
public class Unsubscriptions {

    private final TrackingLinks links;
    private final DeliveryService delivery;
    private final ContactService contacts;
    private final AnalyticsService analytics;
    private final Clock clock;

    Unsubscriptions(
            TrackingLinks links,
            DeliveryService delivery,
            ContactService contacts,
            AnalyticsService analytics,
            Clock clock) {
        this.links = links;
        this.delivery = delivery;
        this.contacts = contacts;
        this.analytics = analytics;
        this.clock = clock;
    }

    /**
     * The recipient of a link.
     *
     * @param email the address, masked ({@code j***@example.com}) since the link may be forwarded
     * @param subscribed whether the contact still gets mail
     */
    public record Recipient(String email, boolean subscribed) {}

    /** Who a link would unsubscribe, or empty when the token is forged or names no send. */
    @Transactional(readOnly = true)
    public Optional<Recipient> recipient(String token) {
        return facts(token).flatMap(this::contact).map(Unsubscriptions::recipient);
    }

    /**
     * Unsubscribes the recipient of a link (idempotent); empty when the token is forged or names no
     * send.
     *
     * @param oneClick whether a mailbox provider posted it (RFC 8058), kept on the event
     */
    @Transactional
    public Optional<Recipient> unsubscribe(String token, boolean oneClick) {
        Optional<SendFacts> found = facts(token);
        Optional<Contact> contact = found.flatMap(this::contact);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        SendFacts send = found.get();
        if (contacts.suppress(new ContactId(send.contactId()), ContactStatus.UNSUBSCRIBED)) {
            Instant now = clock.instant();
            analytics.append(List.of(new AnalyticsEvent(
                    UUID.randomUUID().toString(),
                    EventTypes.EMAIL_UNSUBSCRIBED,
                    now,
                    send.contactId(),
                    null,
                    send.campaignId(),
                    send.sendId(),
                    null,
                    "{\"via\":\"" + (oneClick ? "one-click" : "page") + "\"}")));
            long campaign = send.campaignId() == null ? 0 : send.campaignId();
            AfterCommit.run(() -> analytics.count(EventTypes.EMAIL_UNSUBSCRIBED, 0, campaign, now, 1));
        }
        return Optional.of(new Recipient(mask(contact.get().email()), false));
    }

    private Optional<SendFacts> facts(String token) {
        OptionalLong sendId = links.unsubscribeSend(token);
        return sendId.isPresent() ? delivery.sendFacts(sendId.getAsLong()) : Optional.empty();
    }

    private Optional<Contact> contact(SendFacts send) {
        try {
            return Optional.of(contacts.get(send.contactId()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Recipient recipient(Contact contact) {
        return new Recipient(mask(contact.email()), contact.status() == ContactStatus.ACTIVE);
    }

    /** {@code jane@example.com} as {@code j***@example.com}: enough to recognise, not to harvest. */
    static String mask(String email) {
        if (email == null) {
            return "your address";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.substring(0, Character.charCount(email.codePointAt(0))) + "***" + email.substring(at);
    }
}
