package io.iabulk.contests;

import io.iabulk.platform.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A person joining a contest, possibly through someone's referral link.
 *
 * @param email the address as typed; mail goes there, matching uses its normalised form
 * @param referralCode the code of the participant who referred them, if any
 */
public record SignupRequest(
        @NotBlank @Size(max = 254) @SingleLine String email,
        @Size(max = 100) @SingleLine String firstName,
        @Size(max = 100) @SingleLine String lastName,
        @Size(max = 32) @SingleLine String referralCode) {}
