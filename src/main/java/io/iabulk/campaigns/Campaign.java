package io.iabulk.campaigns;

import io.iabulk.delivery.SendProgress;
import java.time.Instant;
import java.util.List;

/**
 * A campaign as the API shows it, with the progress of its sends.
 *
 * @param trackConversions whether click redirects append {@code iab_click} for conversions
 * @param sendTimeOptimization the send-time window, or null when the campaign sends at once
 * @param variantSelection {@code split} or {@code adaptive} (ADR 0023)
 * @param goal {@code open} or {@code click}: what adaptive selection and {@code probabilityBest} go by
 * @param variants each subject variant's figures so far (empty when the campaign uses its
 *     template's subject)
 */
public record Campaign(
        long id,
        String name,
        CampaignStatus status,
        long templateId,
        Audience audience,
        String from,
        String replyTo,
        List<String> subjectVariants,
        Instant sendAt,
        Integer maxRatePerSecond,
        Long contextContestId,
        boolean trackConversions,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        SendProgress progress,
        SendTimeOptimization sendTimeOptimization,
        String variantSelection,
        String goal,
        List<CampaignVariant> variants) {}
