package io.iabulk.delivery;

import java.time.Duration;

/**
 * How this instance sends, as in force: what the console's settings page shows.
 *
 * @param transport the transport's name ({@code smtp}, {@code sendgrid}, {@code outbox})
 * @param relay the SMTP relay {@code host:port}, or {@code null} for another transport
 * @param workers send workers on this instance (0: it does not send)
 * @param maxRatePerSecond messages per second this instance sends at most
 * @param domainConcurrency batches in flight to one recipient domain at once
 * @param maxAttempts attempts of a message in all
 * @param initialBackoff the wait before the first retry
 * @param dkim the DKIM signing and the DNS record to publish, or {@code null} when not configured
 */
public record SendingSettings(
        String transport,
        String relay,
        int workers,
        int maxRatePerSecond,
        int domainConcurrency,
        int maxAttempts,
        Duration initialBackoff,
        Dkim dkim) {

    /**
     * @param domain the signing domain ({@code d=})
     * @param selector the selector ({@code s=})
     * @param dnsName where the public key is published: {@code <selector>._domainkey.<domain>}
     * @param dnsRecord the TXT record's value: {@code v=DKIM1; k=rsa; p=<public key>}, or {@code null}
     *     when the key cannot be read (then {@code problem} says why)
     * @param problem what is wrong with the key, or {@code null}
     */
    public record Dkim(String domain, String selector, String dnsName, String dnsRecord, String problem) {}
}
