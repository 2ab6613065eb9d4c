package io.iabulk.webhooks.internal;

import io.iabulk.campaigns.CampaignFinished;
import io.iabulk.contacts.ContactErased;
import io.iabulk.contacts.ContactUnsubscribed;
import io.iabulk.contests.MilestoneReached;
import io.iabulk.contests.ParticipantConfirmed;
import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.contests.ReferralCredited;
import io.iabulk.contests.ReferralFlagged;
import io.iabulk.webhooks.WebhookEventType;
import io.iabulk.webhooks.WebhooksProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the modules' events into delivery rows, one per enabled webhook of the type, and sends
 * nothing itself. A contest's events are recorded inside the transaction that caused them (a
 * signup, a confirmation, a credit, a review): the row commits with the change it reports, or not
 * at all, and the hot signup path stores no event publication for it (docs/decisions/0029). The
 * events of other modules are handled after their commit, from Spring Modulith's event registry (an
 * event committed is handled even after a crash), in a transaction of their own. The payload is
 * fixed here ({@code {id, type, createdAt, data}}), so every attempt sends the same bytes. The id is
 * derived from the event (a listener run twice adds nothing). Events of one subject may be recorded
 * in another order than they happened: the row's seq (the source's own numbering, where it has one)
 * and the order grace put them back in order.
 */
@Component
class WebhookListeners {

    private final JdbcWebhookDeliveries deliveries;
    private final JsonMapper json;
    private final WebhooksProperties settings;
    private final Clock clock;

    WebhookListeners(JdbcWebhookDeliveries deliveries, JsonMapper json, WebhooksProperties settings, Clock clock) {
        this.deliveries = deliveries;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(ParticipantSignedUp event) {
        if (event.resent()) {
            return; // a confirmation email sent again: the same participant, nothing new
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contestId", event.contestId());
        data.put("participantId", event.participantId());
        data.put("contactId", event.contactId());
        data.put("email", event.email());
        data.put("firstName", event.firstName());
        data.put("referralCode", event.referralCode());
        data.put("confirmed", event.confirmationToken() == null);
        record(
                WebhookEventType.PARTICIPANT_SIGNED_UP,
                "participant:" + event.participantId(),
                "participant:" + event.participantId(),
                event.contactId(),
                0,
                data);
    }

    @EventListener
    void on(ParticipantConfirmed event) {
        record(
                WebhookEventType.PARTICIPANT_CONFIRMED,
                "participant:" + event.participantId(),
                "participant:" + event.participantId(),
                null,
                1,
                event);
    }

    @EventListener
    void on(ReferralCredited event) {
        // the referrer's subject, ordered by its running count (numbered under its row lock): credit n,
        // then the milestone it reached, then credit n + 1
        record(
                WebhookEventType.REFERRAL_CREDITED,
                "referral:" + event.referralId(),
                "participant:" + event.referrerId(),
                null,
                2L * event.referrals(),
                event);
    }

    @EventListener
    void on(ReferralFlagged event) {
        record(
                WebhookEventType.REFERRAL_FLAGGED,
                "referral:" + event.referralId(),
                "participant:" + event.referrerId(),
                null,
                0,
                event);
    }

    @EventListener
    void on(MilestoneReached event) {
        record(
                WebhookEventType.MILESTONE_REACHED,
                "participant:" + event.participantId() + ":" + event.referrals(),
                "participant:" + event.participantId(),
                null,
                2L * event.referrals() + 1,
                event);
    }

    @ApplicationModuleListener
    void on(CampaignFinished event) {
        record(
                WebhookEventType.CAMPAIGN_FINISHED,
                "campaign:" + event.campaignId(),
                "campaign:" + event.campaignId(),
                null,
                0,
                event);
    }

    @ApplicationModuleListener
    void on(ContactUnsubscribed event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", event.contactId());
        data.put("unsubscribedAt", event.at().toString());
        record(
                WebhookEventType.CONTACT_UNSUBSCRIBED,
                "contact:" + event.contactId() + ":" + event.at().toEpochMilli(),
                "contact:" + event.contactId(),
                event.contactId(),
                event.at().toEpochMilli(),
                data);
    }

    /** An erased person's deliveries go with their data: pending ones are not sent, the log forgets them. */
    @ApplicationModuleListener
    void on(ContactErased event) {
        deliveries.erase(event.contactId());
    }

    private void record(WebhookEventType type, String key, String subject, Long contactId, long seq, Object data) {
        String id = eventId(type, key);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("type", type.wireName());
        payload.put("createdAt", now.toString());
        payload.put("data", data);
        // due after the order grace: an earlier event of the subject whose listener runs a little
        // later is then recorded before this one is claimed, and sent first (by seq)
        deliveries.record(
                type.wireName(),
                id,
                subject,
                contactId,
                seq,
                json.writeValueAsString(payload),
                now,
                now.plus(settings.orderGrace()));
    }

    /** The same for the same event, so receivers can drop a repeat by it. */
    static String eventId(WebhookEventType type, String key) {
        return "evt_"
                + UUID.nameUUIDFromBytes((type.wireName() + "/" + key).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }
}
