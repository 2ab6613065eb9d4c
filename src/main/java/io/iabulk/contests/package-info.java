/**
 * Referral contests: contests, participants, referral codes, referrals and their decisions, the
 * points ledger, milestones, the leaderboard, winners and the fraud rules.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Contests",
        allowedDependencies = {"platform", "contacts", "analytics"})
package io.iabulk.contests;
