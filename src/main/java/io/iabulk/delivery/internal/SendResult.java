package io.iabulk.delivery.internal;

import java.time.Instant;

/**
 * What became of one claimed send, for the group committer.
 *
 * @param status the row's new status: SENT, QUEUED (retry later), FAILED, BOUNCED or SUPPRESSED
 * @param nextAttemptAt when a QUEUED row is due again
 * @param refundAttempt true when the message never reached a server (deferred by throttling or an
 *     outage): the claim's attempt is given back
 * @param providerMessageId the provider's id of a SENT message
 * @param error what went wrong, for the row's error column
 */
public record SendResult(
        long sendId,
        Long campaignId,
        long contactId,
        SendStatus status,
        Instant nextAttemptAt,
        boolean refundAttempt,
        String providerMessageId,
        String error) {

    static SendResult sent(ClaimRef ref, String providerMessageId) {
        return new SendResult(
                ref.sendId(), ref.campaignId(), ref.contactId(), SendStatus.SENT, null, false, providerMessageId, null);
    }

    static SendResult retry(ClaimRef ref, Instant at, String error) {
        return new SendResult(
                ref.sendId(), ref.campaignId(), ref.contactId(), SendStatus.QUEUED, at, false, null, error);
    }

    static SendResult defer(ClaimRef ref, Instant at, String why) {
        return new SendResult(ref.sendId(), ref.campaignId(), ref.contactId(), SendStatus.QUEUED, at, true, null, why);
    }

    static SendResult end(ClaimRef ref, SendStatus status, String error) {
        return new SendResult(ref.sendId(), ref.campaignId(), ref.contactId(), status, null, false, null, error);
    }

    /** The identity of a claimed send. */
    record ClaimRef(long sendId, Long campaignId, long contactId) {

        static ClaimRef of(io.iabulk.delivery.QueuedSend send) {
            return new ClaimRef(send.sendId(), send.campaignId(), send.contactId());
        }
    }
}
