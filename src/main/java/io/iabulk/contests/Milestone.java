package io.iabulk.contests;

import io.iabulk.platform.SingleLine;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A reward unlocked by reaching a number of credited referrals.
 *
 * @param referrals credited referrals needed
 * @param reward what the participant gets, in the operator's words
 */
public record Milestone(
        @NotNull @Min(1) @Max(1_000_000) Integer referrals,
        @NotBlank @Size(max = 200) @SingleLine String reward) {}
