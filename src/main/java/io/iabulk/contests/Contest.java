package io.iabulk.contests;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * A referral contest.
 *
 * @param signupUrl the public signup page of the contest
 * @param endedAt when an operator ended it (null while it runs)
 * @param experience what the participant pages show besides the rules (its fields appear at the top
 *     level of the JSON, as they are sent)
 */
public record Contest(
        long id,
        String name,
        String slug,
        ContestStatus status,
        Instant startsAt,
        Instant endsAt,
        int pointsPerSignup,
        int pointsPerReferral,
        boolean requireConfirmation,
        List<Milestone> milestones,
        String signupUrl,
        Instant endedAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonUnwrapped ContestExperience experience) {

    /** The link a participant shares: the signup page carrying their referral code. */
    public String referralUrl(String referralCode) {
        return signupUrl + "?ref=" + referralCode;
    }

    /** Whether a signup at this moment is accepted: active and inside the window. */
    public boolean acceptsSignupsAt(Instant now) {
        return status == ContestStatus.ACTIVE
                && (startsAt == null || !now.isBefore(startsAt))
                && (endsAt == null || now.isBefore(endsAt));
    }

    /**
     * Whether the contest was running at a past moment: activated, not yet ended by an operator,
     * and before its scheduled end.
     */
    public boolean runningAt(Instant moment) {
        return status != ContestStatus.DRAFT
                && (endedAt == null || moment.isBefore(endedAt))
                && (endsAt == null || moment.isBefore(endsAt));
    }

    /** Whether a referral may be credited at this moment: active and not past its end. */
    public boolean creditsReferralsAt(Instant now) {
        return status == ContestStatus.ACTIVE && (endsAt == null || now.isBefore(endsAt));
    }
}
