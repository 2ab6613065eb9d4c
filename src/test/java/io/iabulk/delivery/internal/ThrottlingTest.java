package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.internal.DomainThrottle.Feedback;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules of rates, domain limits, backoff and bounce classification. */
class ThrottlingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRateBucketGrantsPartOfARequestAndRefillsAtItsRate() {
        ManualTime time = new ManualTime();
        Bucket bucket = SendLanes.bucket(10, time);

        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isEqualTo(10);
        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isZero();
        time.now = SECOND / 2;
        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isEqualTo(5);
        bucket.addTokens(3);
        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).as("given back").isEqualTo(3);
        time.now = 10 * SECOND;
        assertThat(bucket.tryConsumeAsMuchAsPossible(50))
                .as("never more than a second's worth")
                .isEqualTo(10);
    }

    @Test
    void aFractionalRateStillLetsOneMessageThrough() {
        ManualTime time = new ManualTime();
        Bucket bucket = SendLanes.bucket(0.5, time);

        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isEqualTo(1);
        time.now = SECOND;
        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isZero();
        time.now = 2 * SECOND;
        assertThat(bucket.tryConsumeAsMuchAsPossible(50)).isEqualTo(1);
    }

    @Test
    void aFractionalShareKeepsItsRateOverTime() {
        ManualTime time = new ManualTime();
        // a campaign at 10/s shared by three instances
        Bucket bucket = SendLanes.bucket(10 / 3.0, time);

        long granted = bucket.tryConsumeAsMuchAsPossible(50);
        for (int tenth = 1; tenth <= 300; tenth++) {
            time.now = tenth * SECOND / 10;
            granted += bucket.tryConsumeAsMuchAsPossible(50);
        }

        assertThat(granted).as("3 to start with, then 10/3 a second for 30 s").isEqualTo(3 + 100);
    }

    @Test
    void aNewShareKeepsThePermitsAlreadyEarnedWithinItsCapacity() {
        ManualTime time = new ManualTime();
        Bucket bucket = SendLanes.bucket(10, time);
        assertThat(bucket.tryConsumeAsMuchAsPossible(4)).isEqualTo(4);

        SendLanes.changeRate(bucket, 20);
        assertThat(bucket.getAvailableTokens()).as("kept").isEqualTo(6);
        time.now = SECOND / 2;
        assertThat(bucket.tryConsumeAsMuchAsPossible(50))
                .as("6 + 20/s for half a second")
                .isEqualTo(16);

        time.now = 2 * SECOND;
        SendLanes.changeRate(bucket, 5);
        assertThat(bucket.tryConsumeAsMuchAsPossible(50))
                .as("a second's worth of the new rate at most")
                .isEqualTo(5);
    }

    /** Bucket4j time in nanoseconds, moved by hand. */
    private static final class ManualTime implements TimeMeter {
        long now;

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void aDomainLimitHalvesOnTransientFailuresAndGrowsBackOnCleanBatches() {
        DomainThrottle domains = new DomainThrottle(8, Duration.ofSeconds(30));
        for (int i = 0; i < 8; i++) {
            assertThat(domains.tryAcquire("example.com", 0)).isZero();
        }
        assertThat(domains.tryAcquire("example.com", 0)).as("all slots taken").isPositive();
        assertThat(domains.tryAcquire("other.org", 0))
                .as("domains are independent")
                .isZero();

        domains.release("example.com", Feedback.TRANSIENT, 0);
        assertThat(domains.limit("example.com")).isEqualTo(4);
        domains.release("example.com", Feedback.TRANSIENT, 0);
        assertThat(domains.limit("example.com")).isEqualTo(2);
        domains.release("example.com", Feedback.CLEAN, 0);
        assertThat(domains.limit("example.com")).isEqualTo(3);
    }

    @Test
    void aThrottlingReplyPausesTheDomain() {
        DomainThrottle domains = new DomainThrottle(4, Duration.ofSeconds(30));
        assertThat(domains.tryAcquire("example.com", 0)).isZero();
        domains.release("example.com", Feedback.THROTTLED, 0);

        assertThat(domains.tryAcquire("example.com", SECOND)).isEqualTo(29 * SECOND);
        assertThat(domains.tryAcquire("example.com", 31 * SECOND)).isZero();
        assertThat(DomainThrottle.throttling(421)).isTrue();
        assertThat(DomainThrottle.throttling(429)).isTrue();
        assertThat(DomainThrottle.throttling(450)).isFalse();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsJitterAndCap() {
        Backoff backoff =
                new Backoff(new DeliveryProperties.Retry(3, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(5), 0.2));

        assertThat(backoff.after(1)).isBetween(Duration.ofMillis(1_600), Duration.ofMillis(2_400));
        assertThat(backoff.after(2)).isBetween(Duration.ofMillis(3_200), Duration.ofMillis(4_800));
        assertThat(backoff.after(5)).isBetween(Duration.ofMillis(4_000), Duration.ofMillis(6_000));
        assertThat(backoff.exhausted(2)).isFalse();
        assertThat(backoff.exhausted(3)).isTrue();
    }

    @Test
    void onlyAnUnknownMailboxIsAHardBounce() {
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(550, "5.1.1 No such user")))
                .isTrue();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(550, "No such user")))
                .isTrue();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(553, "mailbox name not allowed")))
                .isTrue();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(550, "5.7.1 Rejected as spam")))
                .isFalse();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(554, "Transaction failed")))
                .isFalse();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(552, "Message too large")))
                .isFalse();
        assertThat(SendPipeline.hardBounce(SendOutcome.permanentFailure(400, "Bad Request")))
                .isFalse();
    }
}
