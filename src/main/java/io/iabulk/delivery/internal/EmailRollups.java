package io.iabulk.delivery.internal;

import io.iabulk.analytics.AnalyticsService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code email.*} rollup counts of delivery outcomes (docs/decisions/0013): collected while
 * a transaction moves send rows and counted only once it committed. Rows carry only the campaign
 * (0 for a transactional message).
 */
@Component
class EmailRollups {

    /** Where counts go: {@link AnalyticsService#count} in the application, a stand-in in unit tests. */
    interface Counter {
        void count(String type, long campaignId, Instant at, long n);
    }

    private final Counter analytics;

    @Autowired
    EmailRollups(AnalyticsService analytics) {
        this((type, campaignId, at, n) -> analytics.count(type, 0, campaignId, at, n));
    }

    EmailRollups(Counter counter) {
        this.analytics = counter;
    }

    Pending pending() {
        return new Pending();
    }

    /** Counts collected in one transaction. */
    final class Pending {

        private record Count(String type, long campaignId, Instant at, long n) {}

        private final List<Count> counts = new ArrayList<>();

        void add(String type, Long campaignId, Instant at, long n) {
            counts.add(new Count(type, campaignId == null ? 0 : campaignId, at, n));
        }

        private void countNow() {
            for (Count c : counts) {
                analytics.count(c.type(), c.campaignId(), c.at(), c.n());
            }
            counts.clear();
        }

        /** Counts when the current transaction commits (nothing on rollback); at once without one. */
        void countAfterCommit() {
            if (counts.isEmpty()) {
                return;
            }
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                countNow();
                return;
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    countNow();
                }
            });
        }
    }
}
