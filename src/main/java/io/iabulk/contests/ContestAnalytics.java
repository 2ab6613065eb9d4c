package io.iabulk.contests;

import java.time.Instant;
import java.util.List;

/**
 * A contest's activity over time and its referral funnel (docs/decisions/0013).
 *
 * @param granularity {@code minute}, {@code hour} or {@code day}
 * @param buckets every bucket of the range, oldest first (empty ones included)
 * @param viralCoefficient credited referrals (referred signups that confirmed and counted) per
 *     confirmed participant; 0 without confirmed participants
 * @param topReferrersShare the share of credited referrals made by the top ⌈1 %⌉ of referrers
 *     (participants with at least one credited referral); 0 without credited referrals
 */
public record ContestAnalytics(
        String granularity, List<Bucket> buckets, Funnel funnel, double viralCoefficient, double topReferrersShare) {

    /**
     * Decisions and signups in one bucket. A referral flagged for review counts in {@code
     * referralsFlagged} when it was flagged, and again in {@code referralsCredited} or {@code
     * referralsRejected} when a review decides it.
     */
    public record Bucket(
            Instant start,
            long signups,
            long confirmations,
            long referralsCredited,
            long referralsFlagged,
            long referralsRejected) {}

    /**
     * Exact totals over the contest's life.
     *
     * @param referred participants with at least one credited referral
     */
    public record Funnel(long signedUp, long confirmed, long referred) {}
}
