package io.iabulk.campaigns;

import io.iabulk.platform.SingleLine;
import io.iabulk.platform.StorableText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * One message to one person from a template, outside any campaign (a receipt, a confirmation).
 * Suppressed contacts get nothing, as with campaigns.
 *
 * @param contactId the recipient, or null to name them by {@code email}
 * @param email the recipient's address when no contact id is given (the contact is created when new)
 * @param contestId the contest whose participation fills {@code referralUrl}, {@code rank}, ...
 * @param context extra template variables (names starting with {@code $} are reserved)
 * @param from the sender; the configured default when absent
 * @param track whether to track opens and clicks as in a campaign (click redirects with {@code
 *     iab_click}, the open pixel); off when absent, so links such as confirmation links reach the
 *     recipient as written
 */
public record TransactionalMessage(
        @NotNull Long templateId,
        Long contactId,
        @Size(max = 320) @SingleLine String email,
        Long contestId,
        @Size(max = 100) @StorableText Map<String, Object> context,
        @Size(max = 400) @SingleLine String from,
        @Size(max = 400) @SingleLine String replyTo,
        Boolean track) {}
