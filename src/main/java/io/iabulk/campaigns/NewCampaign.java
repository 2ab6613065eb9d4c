package io.iabulk.campaigns;

import io.iabulk.platform.SingleLine;
import io.iabulk.platform.StorableInstant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What an operator sends to create a campaign.
 *
 * @param audience exactly one of {@code {"segmentId": n}}, {@code {"contestId": n}}, {@code {"all": true}}
 * @param from the sender, e.g. {@code "Launch team <news@example.com>"}
 * @param subjectVariants subject templates to split the audience over (the template's own subject
 *     when absent)
 * @param sendAt when a started campaign begins sending (now when absent or past)
 * @param maxRatePerSecond the campaign's own ceiling across all instances (none when absent)
 * @param contextContestId the contest whose participation ({@code referralUrl}, {@code rank}, ...)
 *     personalises the messages; defaults to the audience's contest
 * @param trackConversions whether click redirects append {@code iab_click=<token>} to the target
 *     URL so its landing page can report a conversion (true when absent)
 * @param sendTimeOptimization when present, each recipient is sent at their predicted best hour
 *     within {@code windowHours} of the start instead of at once
 * @param variantSelection how subject variants are chosen: {@code "split"} (by contact id when the
 *     audience is snapshotted; the default) or {@code "adaptive"} (when each message is claimed:
 *     an even split of the first part of the audience, then Thompson sampling on human opens or
 *     clicks; needs two or more subject variants and {@code maxRatePerSecond}, ADR 0023)
 * @param goal what the adaptive choice and each variant's {@code probabilityBest} go by: {@code
 *     "open"} (the default) or {@code "click"}
 */
public record NewCampaign(
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotNull Long templateId,
        @NotNull Audience audience,
        @NotBlank @Size(max = 400) @SingleLine String from,
        @Size(max = 400) @SingleLine String replyTo,
        @Size(min = 1, max = 10) List<@NotBlank @Size(max = 1000) @SingleLine String> subjectVariants,
        @StorableInstant Instant sendAt,
        @Min(1) @Max(1_000_000) Integer maxRatePerSecond,
        Long contextContestId,
        Boolean trackConversions,
        @jakarta.validation.Valid SendTimeOptimization sendTimeOptimization,

        @Pattern(regexp = "split|adaptive", message = "must be \"split\" or \"adaptive\"")
        String variantSelection,

        @Pattern(regexp = "open|click", message = "must be \"open\" or \"click\"")
        String goal) {

    /** Whether subject variants are chosen adaptively when messages are claimed. */
    public boolean adaptive() {
        return "adaptive".equals(variantSelection);
    }

    /** The goal, {@code open} unless given. */
    public String goalOrDefault() {
        return goal == null ? "open" : goal;
    }

    /** Whether click redirects append the conversion token: on unless switched off. */
    public boolean tracksConversions() {
        return trackConversions == null || trackConversions;
    }
}
