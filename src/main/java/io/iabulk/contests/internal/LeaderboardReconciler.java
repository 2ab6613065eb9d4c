package io.iabulk.contests.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the fast leaderboard store in step with the database: every second it rebuilds what went
 * stale (first start, an outage of the store), and now and then it reloads every live contest in
 * place to repair writes lost in a crash between a commit and its store update.
 */
@Component
class LeaderboardReconciler {

    private final Leaderboards leaderboards;
    private final JdbcContestRepository contests;

    LeaderboardReconciler(Leaderboards leaderboards, JdbcContestRepository contests) {
        this.leaderboards = leaderboards;
        this.contests = contests;
    }

    @Scheduled(fixedDelay = 1_000, initialDelay = 0)
    void tick() {
        runOnce();
    }

    /** Rebuilds stale contests if the store answers; true when all are in step. */
    boolean runOnce() {
        return leaderboards.reconcileStale(contests::liveIds);
    }

    @Scheduled(
            fixedDelayString = "${iabulk.contests.leaderboard.reconcile-interval:15m}",
            initialDelayString = "${iabulk.contests.leaderboard.reconcile-interval:15m}")
    void reconcileAll() {
        for (Long contestId : contests.liveIds()) {
            if (leaderboards.servedByStore(contestId)) {
                leaderboards.rebuild(contestId);
            }
        }
    }
}
