package io.iabulk.contests;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A person joining a contest, possibly through someone's referral link.
 *
 * @param email the address as typed; mail goes there, matching uses its normalised form
 * @param referralCode the code of the participant who referred them, if any
 * @param userAgent the person's browser identification: the {@code User-Agent} header of the
 *     signup, or this field when a backend relays the signup for them; kept (control characters
 *     removed, at most 256 characters) for the referral risk assessment
 */
public record SignupRequest(
        @NotBlank @Size(max = 254) @SingleLine String email,
        @Size(max = 100) @SingleLine String firstName,
        @Size(max = 100) @SingleLine String lastName,
        @Size(max = 32) @SingleLine String referralCode,
        @Size(max = 2000) String userAgent) {

    /** A signup with no known user agent. */
    public SignupRequest(String email, String firstName, String lastName, String referralCode) {
        this(email, firstName, lastName, referralCode, null);
    }

    /** This signup with the user agent of its request, unless it names one itself. */
    public SignupRequest withUserAgent(String header) {
        return userAgent != null && !userAgent.isBlank()
                ? this
                : new SignupRequest(email, firstName, lastName, referralCode, header);
    }

    /**
     * Reads the JSON body, where the referral code may also come as {@code ref}, the name the
     * referral link and the signup form give it.
     *
     * @throws InvalidRequestException when {@code ref} and {@code referralCode} differ
     */
    @JsonCreator
    static SignupRequest fromJson(
            @JsonProperty("email") String email,
            @JsonProperty("firstName") String firstName,
            @JsonProperty("lastName") String lastName,
            @JsonProperty("referralCode") String referralCode,
            @JsonProperty("ref") String ref,
            @JsonProperty("userAgent") String userAgent) {
        return new SignupRequest(email, firstName, lastName, referralCode(referralCode, ref), userAgent);
    }

    /**
     * The one referral code of a signup that may name it twice, as {@code referralCode} and as
     * {@code ref}. A blank one counts as absent; the two compare ignoring case, as codes match.
     *
     * @throws InvalidRequestException when both are given and differ
     */
    public static String referralCode(String referralCode, String ref) {
        boolean hasCode = referralCode != null && !referralCode.isBlank();
        boolean hasRef = ref != null && !ref.isBlank();
        if (hasCode && hasRef && !referralCode.strip().equalsIgnoreCase(ref.strip())) {
            throw new InvalidRequestException("ref", "must be the same code as referralCode when both are sent");
        }
        return hasRef && !hasCode ? ref : referralCode;
    }
}
