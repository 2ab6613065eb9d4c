package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ParticipantContact;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.ParticipantSummary;
import io.iabulk.platform.PublicUrls;
import java.time.Instant;

/** A participant as stored. {@code createdAt} has millisecond precision (it ranks ties). */
public record ParticipantRow(
        long id,
        long contestId,
        long contactId,
        String email,
        String firstName,
        String lastName,
        String referralCode,
        Long referredBy,
        ParticipantStatus status,
        int referrals,
        int points,
        Instant confirmExpiresAt,
        Instant confirmSentAt,
        Instant confirmedAt,
        Instant createdAt) {

    /** The participant's place-defining values. */
    public Standing standing() {
        return new Standing(id, referrals, points, createdAt.toEpochMilli());
    }

    /** What the emails of {@code contest} need of this participant: whom to write to and its links. */
    public ParticipantContact contact(Contest contest, PublicUrls urls) {
        return new ParticipantContact(
                id,
                contest.id(),
                contactId,
                firstName,
                referralCode,
                contest.referralUrl(referralCode),
                urls.of("/p/" + referralCode),
                status,
                referrals,
                points);
    }

    /** The participant as an operator's list shows it, with its referrer's address (null: none). */
    public ParticipantSummary summary(Contest contest, String referredByEmail) {
        return new ParticipantSummary(
                id,
                email,
                firstName,
                lastName,
                status,
                referralCode,
                contest.referralUrl(referralCode),
                referredBy,
                referredByEmail,
                referrals,
                points,
                createdAt,
                confirmedAt);
    }

    /** The public, masked name: "Jane D." or "j***@gmail.com". */
    public String displayName() {
        return DisplayNames.mask(firstName, lastName, email);
    }
}
