package io.iabulk.webhooks.internal;

import io.iabulk.campaigns.CampaignFinished;
import io.iabulk.contacts.ContactUnsubscribed;
import io.iabulk.contests.MilestoneReached;
import io.iabulk.contests.ParticipantConfirmed;
import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.contests.ReferralCredited;
import io.iabulk.contests.ReferralFlagged;
import io.iabulk.webhooks.WebhookEventType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the modules' events into delivery rows, one per enabled webhook of the type, and sends
 * nothing itself: each listener runs after its event's transaction committed, from Spring
 * Modulith's event registry (an event committed is handled even after a crash), in a transaction
 * of its own. The payload is fixed here ({@code {id, type, createdAt, data}}), so every attempt
 * sends the same bytes. The id is derived from the event (a listener run twice adds nothing).
 */
@Component
class WebhookListeners {

    private final JdbcWebhookDeliveries deliveries;
    private final JsonMapper json;
    private final Clock clock;

    WebhookListeners(JdbcWebhookDeliveries deliveries, JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    @ApplicationModuleListener
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
                data);
    }

    @ApplicationModuleListener
    void on(ParticipantConfirmed event) {
        record(
                WebhookEventType.PARTICIPANT_CONFIRMED,
                "participant:" + event.participantId(),
                "participant:" + event.participantId(),
                event);
    }

    @ApplicationModuleListener
    void on(ReferralCredited event) {
        // the referrer's subject: its credits (and milestones) arrive in the order they were counted
        record(
                WebhookEventType.REFERRAL_CREDITED,
                "referral:" + event.referralId(),
                "participant:" + event.referrerId(),
                event);
    }

    @ApplicationModuleListener
    void on(ReferralFlagged event) {
        record(
                WebhookEventType.REFERRAL_FLAGGED,
                "referral:" + event.referralId(),
                "participant:" + event.referrerId(),
                event);
    }

    @ApplicationModuleListener
    void on(MilestoneReached event) {
        record(
                WebhookEventType.MILESTONE_REACHED,
                "participant:" + event.participantId() + ":" + event.referrals(),
                "participant:" + event.participantId(),
                event);
    }

    @ApplicationModuleListener
    void on(CampaignFinished event) {
        record(
                WebhookEventType.CAMPAIGN_FINISHED,
                "campaign:" + event.campaignId(),
                "campaign:" + event.campaignId(),
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
                data);
    }

    private void record(WebhookEventType type, String key, String subject, Object data) {
        String id = eventId(type, key);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("type", type.wireName());
        payload.put("createdAt", now.toString());
        payload.put("data", data);
        deliveries.record(type.wireName(), id, subject, json.writeValueAsString(payload), now);
    }

    /** The same for the same event, so receivers can drop a repeat by it. */
    static String eventId(WebhookEventType type, String key) {
        return "evt_"
                + UUID.nameUUIDFromBytes((type.wireName() + "/" + key).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }
}
