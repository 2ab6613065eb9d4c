package io.iabulk.tracking;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tracking module, prefix {@code iabulk.tracking}. Defaults are in {@code
 * application.yml}.
 *
 * @param secret the HMAC key of tracking tokens ({@code IABULK_TRACKING_SECRET}); when empty, a
 *     random key is made once and kept in the database, shared by every instance
 * @param machine how open and click hits are judged machine traffic
 * @param hits how hits are recorded
 */
@Validated
@ConfigurationProperties("iabulk.tracking")
public record TrackingProperties(
        String secret,
        @DefaultValue @Valid Machine machine,
        @DefaultValue @Valid Hits hits) {

    /**
     * Machine-traffic rules (docs/decisions/0013).
     *
     * @param appleNetworks address ranges of Apple's Mail Privacy Protection proxies (a hit from
     *     them with a generic user agent is {@code apple-mpp})
     * @param tooFast a click sooner than this after the send was accepted is {@code too-fast}
     * @param burstWindow clicks on every link of a message within this time of its first click are
     *     {@code burst}; a click of a message with several links counts as human only after it
     * @param userAgents user agents containing any of these (ignoring case) are {@code user-agent}
     */
    public record Machine(
            @NotNull List<String> appleNetworks,
            @NotNull Duration tooFast,
            @NotNull Duration burstWindow,
            @NotNull List<String> userAgents) {}

    /**
     * Recording of hits: a request waits until its hit is committed with a group of others.
     *
     * @param maxWait the longest a request waits for its hit to be committed before it answers anyway
     * @param maxBatch the largest group written in one transaction
     * @param writers how many groups are written at the same time
     * @param capacity hits that may wait for a writer; more are answered but not recorded
     * @param judgeInterval how often held clicks whose burst window has passed are judged
     * @param judgeGrace how long after a burst window ends its clicks are judged (hits of other
     *     instances may commit a little late)
     * @param judgeBatch the most due clicks taken in one transaction (with every held click of
     *     their sends)
     * @param holdsVacuumInterval how often the judge vacuums the held-click table on PostgreSQL
     *     (zero: never). Every click of a message with several links is inserted there and deleted
     *     seconds later; without a vacuum this often the table and its indexes swell, more so
     *     where autovacuum is off or slow (docs/decisions/0013)
     */
    public record Hits(
            @NotNull Duration maxWait,
            @Min(1) int maxBatch,
            @Min(1) int writers,
            @Min(1) int capacity,
            @NotNull Duration judgeInterval,
            @NotNull Duration judgeGrace,
            @Min(1) int judgeBatch,
            @NotNull Duration holdsVacuumInterval) {}
}
