package io.iabulk.contests;

import java.time.Instant;

/**
 * A contact's participation over all contests, as engagement features see it.
 *
 * @param confirmedParticipations contests in which it is a confirmed participant
 * @param referrals referrals credited to it, summed over contests
 * @param firstConfirmedAt when it first confirmed a participation, or null
 */
public record ContactContestFacts(int confirmedParticipations, int referrals, Instant firstConfirmedAt) {}
