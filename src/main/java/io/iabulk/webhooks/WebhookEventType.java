package io.iabulk.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The event types a webhook may subscribe to, by their wire names ({@code referral.credited}). */
public enum WebhookEventType {
    PARTICIPANT_SIGNED_UP("participant.signed_up"),
    PARTICIPANT_CONFIRMED("participant.confirmed"),
    REFERRAL_CREDITED("referral.credited"),
    REFERRAL_FLAGGED("referral.flagged"),
    MILESTONE_REACHED("milestone.reached"),
    CAMPAIGN_FINISHED("campaign.finished"),
    CONTACT_UNSUBSCRIBED("contact.unsubscribed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in payloads, requests and the {@code IABulk-Event-Type} header. */
    public String wireName() {
        return wireName;
    }

    /** The type of a wire name, or empty when there is none. */
    public static Optional<WebhookEventType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}
