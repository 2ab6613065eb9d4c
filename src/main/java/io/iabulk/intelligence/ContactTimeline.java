package io.iabulk.intelligence;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Everything the features of one contact are built from: its past sends in the order they were
 * sent (ours and imported, merged) and the few facts about the contact itself. Features of a send
 * at time {@code t} may use only what had happened before {@code t}: a send's open or click counts
 * from the moment it happened, not from the moment of the send.
 *
 * @param contactId the contact
 * @param email its address (for the domain class)
 * @param timeZone its time zone, UTC when it has none
 * @param joinedAt when it became a contact (tenure)
 * @param contests its contest participation
 * @param sends its past sends, oldest first
 */
public record ContactTimeline(
        long contactId, String email, ZoneId timeZone, Instant joinedAt, ContestFacts contests, List<PastSend> sends) {

    /**
     * @param confirmedParticipations contests in which it is a confirmed participant
     * @param referrals referrals credited to it over all contests
     * @param firstConfirmedAt when it first confirmed a participation, or null (a feature may use
     *     these facts only for sends after that time)
     */
    public record ContestFacts(int confirmedParticipations, int referrals, Instant firstConfirmedAt) {

        public static final ContestFacts NONE = new ContestFacts(0, 0, null);
    }
}
