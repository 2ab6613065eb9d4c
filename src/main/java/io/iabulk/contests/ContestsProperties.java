package io.iabulk.contests;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the contests module, prefix {@code iabulk.contests}.
 *
 * @param confirmation the email that confirms a participant's address
 * @param fraud the rules that reject or flag referrals
 * @param leaderboard how the ranking is served and kept in step with the database
 */
@Validated
@ConfigurationProperties("iabulk.contests")
public record ContestsProperties(
        @DefaultValue @Valid Confirmation confirmation,
        @DefaultValue @Valid Fraud fraud,
        @DefaultValue @Valid LeaderboardSettings leaderboard) {

    /**
     * @param tokenTtl how long a confirmation link stays valid
     * @param resendAfter a repeated signup of an unconfirmed address sends a new link at most this
     *     often
     * @param from the sender of confirmation emails
     */
    public record Confirmation(
            @DefaultValue("7d") Duration tokenTtl,
            @DefaultValue("10m") Duration resendAfter,

            @DefaultValue("IA Bulk <no-reply@iabulk.localhost>")
            String from) {}

    /**
     * @param ipVelocity more than {@code maxSignups} signups from one network within {@code
     *     window} flag the referrals among them
     * @param disposableDomains referrals of addresses at throwaway-mail domains are flagged
     */
    public record Fraud(
            @DefaultValue @Valid IpVelocity ipVelocity,
            @DefaultValue DisposableDomains disposableDomains) {}

    /**
     * @param enabled whether the rule applies
     * @param maxSignups signups allowed from one network within the window before referrals are
     *     flagged
     * @param window the sliding window the signups are counted in
     * @param ipv4PrefixLength the network of an IPv4 client (24 = its /24; 32 = the address alone)
     * @param ipv6PrefixLength the network of an IPv6 client
     */
    public record IpVelocity(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20") @Min(1) int maxSignups,
            @DefaultValue("1h") Duration window,
            @DefaultValue("24") @Min(8) @Max(32) int ipv4PrefixLength,
            @DefaultValue("64") @Min(16) @Max(128) int ipv6PrefixLength) {}

    /**
     * @param enabled whether the rule applies
     * @param file an extra list (one domain per line, {@code #} comments) added to the bundled
     *     one; re-read when it changes, so the list can be updated without a restart
     * @param allowed domains never treated as disposable even when a list names them
     */
    public record DisposableDomains(
            @DefaultValue("true") boolean enabled,
            Path file,
            @DefaultValue java.util.List<String> allowed) {}

    /**
     * @param cacheTtl how long one instance reuses a computed top-N before asking the store again
     * @param reconcileInterval how often the whole ranking is re-checked against the database
     * @param retryRedisAfter after a Redis failure, reads go to SQL for this long before Redis is
     *     tried again
     */
    public record LeaderboardSettings(
            @DefaultValue("250ms") Duration cacheTtl,
            @DefaultValue("15m") Duration reconcileInterval,
            @DefaultValue("2s") Duration retryRedisAfter) {}
}
