package io.iabulk.delivery;

/**
 * One claimed row of the send queue, handed to the {@link MessageRenderer}.
 *
 * @param sendId the {@code email_sends} id (also the key of tracking links)
 * @param campaignId the campaign, or null for a transactional message
 * @param contactId the recipient
 * @param templateId the template of a transactional message; 0 for a campaign send (render the
 *     campaign's template: campaign rows do not name one)
 * @param variant the subject variant (0 when the campaign has none)
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param context extra template context as a JSON object (transactional messages), or null
 */
public record QueuedSend(
        long sendId, Long campaignId, long contactId, long templateId, int variant, int attempt, String context) {}
