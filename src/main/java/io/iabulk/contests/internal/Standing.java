package io.iabulk.contests.internal;

import java.util.Comparator;

/**
 * What decides a participant's place: referrals desc, points desc, earlier signup first (the id
 * breaks a tie within one millisecond).
 */
public record Standing(long participantId, int referrals, int points, long createdAtMillis) {

    /** Best first. */
    public static final Comparator<Standing> ORDER = Comparator.comparingInt(Standing::referrals)
            .reversed()
            .thenComparing(Comparator.comparingInt(Standing::points).reversed())
            .thenComparingLong(Standing::createdAtMillis)
            .thenComparingLong(Standing::participantId);
}
